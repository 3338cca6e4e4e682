package dev.parkingoperator.parking.telemetry;

import static dev.parkingoperator.parking.support.ApiClient.lotJson;
import static dev.parkingoperator.parking.support.ApiClient.plateJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.parking.support.ApiClient;
import dev.parkingoperator.parking.support.MutableClock;
import dev.parkingoperator.parking.support.Promtool;
import dev.parkingoperator.parking.support.RunningService;
import dev.parkingoperator.parking.support.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's telemetry port as a scraper sees it, after real traffic on the API port. */
class TelemetryEndpointTest {

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T07:00:00Z"));
  private RunningService service;
  private ApiClient api;
  private ApiClient telemetry;

  @BeforeEach
  void start() {
    service = RunningService.start(TestDatabases.embedded(dataDir), clock);
    api = service.client();
    telemetry = service.telemetry();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private String scrape() {
    HttpResponse<String> response = telemetry.getText("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** HTTP series are recorded as each exchange completes, just after the client has its answer. */
  private String scrapeOnceContaining(String expected) {
    await().atMost(Duration.ofSeconds(5)).until(() -> scrape().contains(expected));
    return scrape();
  }

  @Test
  void theTwoPortsServeNothingOfEachOther() {
    assertThat(api.getText("/metrics").statusCode()).isEqualTo(404);
    assertThat(api.getText("/health/ready").statusCode()).isEqualTo(404);
    assertThat(telemetry.getText("/api/lots").statusCode()).isEqualTo(404);
    assertThat(telemetry.getText("/").body()).contains("Parking service telemetry");
    assertThat(api.getText("/api/lots").statusCode()).isEqualTo(200);
  }

  @Test
  void countsParkingBusinessPerLot() {
    api.post("/api/lots", lotJson("north", 2));
    String first =
        api.post("/api/lots/north/entries", plateJson("N1")).json().get("ticketId").asText();
    api.post("/api/lots/north/entries", plateJson("N2"));
    api.post("/api/lots/north/entries", plateJson("N3")); // full
    api.post("/api/lots/north/entries", plateJson("N2")); // already parked
    clock.advance(Duration.ofMinutes(90));
    api.post("/api/tickets/" + first + "/exit", "");

    String scrape = scrape();
    assertThat(scrape)
        .contains("parking_entries_total{application=\"parking-service\",lot=\"north\"} 2.0")
        .contains("parking_exits_total{application=\"parking-service\",lot=\"north\"} 1.0")
        .contains(
            "parking_entries_rejected_total{application=\"parking-service\",lot=\"north\",reason=\"lot_full\"}"
                + " 1.0")
        .contains(
            "parking_entries_rejected_total{application=\"parking-service\",lot=\"north\",reason=\"already_parked\"}"
                + " 1.0")
        .contains(
            "parking_fees_collected_cents_total{application=\"parking-service\",lot=\"north\"}"
                + " 500.0")
        .contains("parking_spaces_occupied{application=\"parking-service\",lot=\"north\"} 1.0")
        .contains("parking_spaces_capacity{application=\"parking-service\",lot=\"north\"} 2.0")
        .contains(
            "parking_stay_duration_seconds_bucket{application=\"parking-service\",lot=\"north\",le=\"3600.0\"}"
                + " 0")
        .contains(
            "parking_stay_duration_seconds_bucket{application=\"parking-service\",lot=\"north\",le=\"7200.0\"}"
                + " 1")
        .contains(
            "parking_stay_duration_seconds_sum{application=\"parking-service\",lot=\"north\"}"
                + " 5400.0");
  }

  @Test
  void aDeletedLotsSeriesDisappear() {
    api.post("/api/lots", lotJson("gone", 2));
    String ticket =
        api.post("/api/lots/gone/entries", plateJson("G1")).json().get("ticketId").asText();
    api.post("/api/tickets/" + ticket + "/exit", "");
    assertThat(scrape()).contains("lot=\"gone\"");

    assertThat(api.delete("/api/lots/gone").status()).isEqualTo(204);

    assertThat(scrape()).doesNotContain("lot=\"gone\"");
  }

  @Test
  void labelsApiRequestsWithTheRouteTemplate() {
    api.post("/api/lots", lotJson("a", 1));
    api.post("/api/lots", lotJson("b", 1));
    api.get("/api/lots/a");
    api.get("/api/lots/b");
    api.get("/api/lots/missing");
    api.get("/api/whatever/123");

    String scrape =
        scrapeOnceContaining(
            "http_server_requests_seconds_count{application=\"parking-service\",method=\"GET\",outcome=\"CLIENT_ERROR\",route=\"NOT_FOUND\",status=\"404\"}"
                + " 1");
    assertThat(scrape)
        .contains(
            "http_server_requests_seconds_count{application=\"parking-service\",method=\"GET\",outcome=\"SUCCESS\",route=\"/api/lots/{lotId}\",status=\"200\"}"
                + " 2")
        .contains(
            "http_server_requests_seconds_count{application=\"parking-service\",method=\"GET\",outcome=\"CLIENT_ERROR\",route=\"/api/lots/{lotId}\",status=\"404\"}"
                + " 1")
        .contains(
            "http_server_requests_seconds_bucket{application=\"parking-service\",method=\"GET\",outcome=\"SUCCESS\",route=\"/api/lots/{lotId}\",status=\"200\",le=\"0.005\"}")
        .contains("http_server_requests_active")
        .contains("http_server_request_body_bytes_total")
        .contains("hikaricp_connections_active")
        .contains("hikaricp_connections_pending")
        .doesNotContain(
            "hikaricp_connections_usage_seconds_count") // per-borrow: external databases only
        .contains("parking_build_info{application=\"parking-service\"")
        .doesNotContain("/api/lots/a\"")
        .doesNotContain("route=\"/api/whatever/123\"");
  }

  @Test
  void theScrapePassesPromtool() throws Exception {
    api.post("/api/lots", lotJson("lint", 2));
    api.post("/api/lots/lint/entries", plateJson("L1"));
    api.post("/api/lots/lint/entries", plateJson("L1"));
    String scrape = scrapeOnceContaining("status=\"409\"");

    Promtool.Result result = Promtool.checkMetrics(scrape);

    assertThat(result.output()).as("promtool lint output").isEmpty();
    assertThat(result.exitCode()).isZero();
  }

  /**
   * promtool 2.42 lints only the 0.0.4 text format ("unknown metric type info" on OpenMetrics); the
   * OpenMetrics form is parsed by the real Prometheus in PrometheusScrapeTest, which asks for it
   * first in its Accept header.
   */
  @Test
  void servesOpenMetricsWhenAsked() {
    api.post("/api/lots", lotJson("om", 2));
    HttpResponse<String> response =
        telemetry.getText("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(response.body())
        .contains("parking_spaces_capacity{application=\"parking-service\",lot=\"om\"} 2.0")
        .endsWith("# EOF\n");
  }

  @Test
  void readinessIsUpWhileServingAndDownDuringShutdown() throws Exception {
    HttpResponse<String> ready = telemetry.getText("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .contains("\"phase\":\"serving\"")
        .contains("\"database\":\"reachable\"");

    service.app().readiness().stopping();

    HttpResponse<String> stopping = telemetry.getText("/health/ready");
    assertThat(stopping.statusCode()).isEqualTo(503);
    assertThat(stopping.body()).contains("\"status\":\"DOWN\"").contains("\"phase\":\"stopping\"");
    assertThat(telemetry.getText("/health/live").statusCode()).isEqualTo(200);
  }
}
