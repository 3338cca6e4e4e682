package dev.parkingoperator.operator.scrape;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Fetches a metrics endpoint once, within a bounded time, as Prometheus would. */
public final class MetricsProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public ScrapeResult scrape(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return ScrapeResult.ofResponse(
          url,
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (IOException e) {
      return ScrapeResult.ofFailure(url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ScrapeResult.ofFailure(url, e);
    }
  }
}
