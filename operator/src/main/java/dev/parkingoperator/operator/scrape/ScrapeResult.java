package dev.parkingoperator.operator.scrape;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * What fetching one pod's metrics endpoint showed, as a MetricsReachable condition: whether it
 * worked, a CamelCase reason, and a sentence.
 */
public record ScrapeResult(boolean reachable, String reason, String message) {

  public static ScrapeResult noReadyPod() {
    return new ScrapeResult(false, "NoReadyPod", "No ready pod with an IP to scrape yet.");
  }

  /** Classifies an HTTP answer: 200 with Prometheus text (or OpenMetrics) is the only success. */
  public static ScrapeResult ofResponse(String url, int status, String contentType, String body) {
    if (status != 200) {
      return new ScrapeResult(
          false, "HttpStatus" + status, "GET " + url + " answered " + status + ".");
    }
    boolean prometheusType =
        contentType != null
            && (contentType.startsWith("text/plain")
                || contentType.startsWith("application/openmetrics-text"));
    long samples = body.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count();
    if (!prometheusType || samples == 0 || !body.contains("# TYPE")) {
      return new ScrapeResult(
          false,
          "NotPrometheusFormat",
          "GET "
              + url
              + " answered 200 but not in the Prometheus text format ("
              + contentType
              + ").");
    }
    return new ScrapeResult(
        true, "Scraped", "GET " + url + " answered 200 with " + samples + " samples.");
  }

  public static ScrapeResult ofFailure(String url, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return new ScrapeResult(false, "ConnectionRefused", "GET " + url + ": connection refused.");
      }
      if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
        return new ScrapeResult(false, "Timeout", "GET " + url + " did not answer in time.");
      }
    }
    return new ScrapeResult(
        false,
        "ScrapeFailed",
        "GET " + url + " failed: " + failure.getClass().getSimpleName() + ".");
  }
}
