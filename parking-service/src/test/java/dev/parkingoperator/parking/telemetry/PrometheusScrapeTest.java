package dev.parkingoperator.parking.telemetry;

import static dev.parkingoperator.parking.support.ApiClient.lotJson;
import static dev.parkingoperator.parking.support.ApiClient.plateJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkingoperator.parking.support.ApiClient;
import dev.parkingoperator.parking.support.PrometheusServer;
import dev.parkingoperator.parking.support.RunningService;
import dev.parkingoperator.parking.support.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus server scrapes the telemetry port and answers queries about it. */
class PrometheusScrapeTest {

  @TempDir Path dataDir;
  @TempDir Path prometheusDir;

  @Test
  void prometheusScrapesTheTelemetryPort() throws Exception {
    try (RunningService service =
        RunningService.start(TestDatabases.embedded(dataDir), Clock.systemUTC())) {
      ApiClient api = service.client();
      api.post("/api/lots", lotJson("scraped", 5));
      api.post("/api/lots/scraped/entries", plateJson("P1"));
      api.get("/api/lots/scraped");

      String job =
          "  - job_name: parking-service\n"
              + "    static_configs:\n"
              + "      - targets: ['127.0.0.1:"
              + service.app().telemetryPort()
              + "']\n";
      try (PrometheusServer prometheus = PrometheusServer.start(prometheusDir, job)) {
        await("target up")
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  JsonNode up = prometheus.query("up{job=\"parking-service\"}");
                  assertThat(up).hasSize(1);
                  assertThat(up.get(0).path("value").get(1).asText()).isEqualTo("1");
                });

        JsonNode entries = prometheus.query("parking_entries_total{lot=\"scraped\"}");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("metric").path("application").asText())
            .isEqualTo("parking-service");
        assertThat(entries.get(0).path("value").get(1).asText()).isEqualTo("1");

        JsonNode latency =
            prometheus.query(
                "histogram_quantile(0.99, sum by (le)"
                    + " (http_server_requests_seconds_bucket{route=\"/api/lots/{lotId}\"}))");
        assertThat(latency).hasSize(1);
        assertThat(latency.get(0).path("value").get(1).asDouble()).isPositive();

        assertThat(prometheus.query("process_resident_memory_bytes{job=\"parking-service\"}"))
            .hasSize(1);
      }
    }
  }
}
