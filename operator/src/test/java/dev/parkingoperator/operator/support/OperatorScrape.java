package dev.parkingoperator.operator.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An operator's own /metrics, fetched and read as tests need them. */
public final class OperatorScrape {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private OperatorScrape() {}

  /**
   * The text exposition at 127.0.0.1:{@code port}/metrics; any answer but 200 is an IOException.
   */
  public static String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("/metrics on port " + port + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** The sum of a counter's series in a scrape. */
  public static double sum(String scrape, String name) {
    return sum(scrape, name, "");
  }

  /** The sum of a counter's series whose labels contain a match of {@code labelPattern}. */
  public static double sum(String scrape, String name, String labelPattern) {
    String labels = "\\{[^}]*" + labelPattern + "[^}]*\\}";
    Matcher series =
        Pattern.compile(
                "(?m)^"
                    + name
                    + (labelPattern.isEmpty() ? "(?:" + labels + ")?" : labels)
                    + " ([0-9.eE+]+)$")
            .matcher(scrape);
    double sum = 0;
    while (series.find()) {
      sum += Double.parseDouble(series.group(1));
    }
    return sum;
  }
}
