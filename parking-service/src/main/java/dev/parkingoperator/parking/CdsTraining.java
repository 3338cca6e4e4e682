package dev.parkingoperator.parking;

import dev.parkingoperator.config.Launcher;
import dev.parkingoperator.parking.config.ServiceConfig;
import dev.parkingoperator.parking.runtime.ParkingApplication;
import dev.parkingoperator.parking.store.DatabaseSettings;
import dev.parkingoperator.telemetry.TelemetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A training run for an application class-data sharing (AppCDS) archive: starts the service on a
 * scratch store, sends one request of every kind, and stops. The build runs it under {@code
 * -XX:ArchiveClassesAtExit}, so later starts load those classes from the archive, which roughly
 * halves start-up time.
 */
public final class CdsTraining {

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    Launcher.configureLogging("warn");
    Path scratch = Files.createTempDirectory("parking-cds-");
    ServiceConfig config =
        new ServiceConfig(
            "127.0.0.1",
            0,
            DatabaseSettings.embedded(scratch),
            Duration.ZERO,
            "warn",
            new TelemetryConfig(
                true, "127.0.0.1", 0, "/metrics", ServiceConfig.DEFAULT_APPLICATION));
    try (ParkingApplication app = ParkingApplication.start(config, Clock.systemUTC())) {
      exercise("http://127.0.0.1:" + app.apiPort());
      String telemetry = "http://127.0.0.1:" + app.telemetryPort();
      HttpClient http = HttpClient.newHttpClient();
      send(http, "GET", telemetry + "/metrics", null);
      send(http, "GET", telemetry + "/health/ready", null);
      send(http, "GET", telemetry + "/", null);
    } finally {
      deleteRecursively(scratch);
    }
  }

  private static void exercise(String base) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    String lot =
        "{\"id\":\"cds\",\"name\":\"CDS\",\"capacity\":2,\"hourlyRateCents\":1,\"dailyMaxCents\":9}";
    send(http, "POST", base + "/api/lots", lot);
    send(http, "GET", base + "/api/lots", null);
    send(http, "PUT", base + "/api/lots/cds", lot);
    String ticket = send(http, "POST", base + "/api/lots/cds/entries", "{\"plate\":\"cd-1\"}");
    String ticketId = ticket.replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1");
    send(http, "GET", base + "/api/tickets/" + ticketId, null);
    send(http, "POST", base + "/api/tickets/" + ticketId + "/exit", "");
    send(http, "POST", base + "/api/tickets/" + ticketId + "/exit", "");
    send(http, "POST", base + "/api/lots", "{\"id\":");
    send(http, "GET", base + "/api/lots/cds", null);
    send(http, "DELETE", base + "/api/lots/cds", null);
    send(http, "GET", base + "/nowhere", null);
  }

  private static String send(HttpClient http, String method, String url, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
