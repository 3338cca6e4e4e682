package dev.parkingoperator.parking.telemetry;

import static dev.parkingoperator.parking.support.ApiClient.lotJson;
import static dev.parkingoperator.parking.support.ApiClient.plateJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.parking.store.DatabaseSettings;
import dev.parkingoperator.parking.support.ApiClient;
import dev.parkingoperator.parking.support.Promtool;
import dev.parkingoperator.parking.support.RunningService;
import dev.parkingoperator.parking.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard and the alert rules ask only for series the service really exports: every
 * metric name in their queries is found in a scrape of a running service after real traffic (on the
 * embedded store or on PostgreSQL, whose write batches only it has), and every rule passes
 * `promtool check rules`.
 */
class DashboardsAndAlertsTest {

  static final Path DASHBOARD =
      Path.of("..", "helm", "parking-operator", "dashboards", "parking-service.json");
  static final Path RULES = Path.of("..", "examples", "prometheus-rules.yaml");

  /** Series Prometheus makes itself, not the service. */
  static final Set<String> FROM_PROMETHEUS = Set.of("up");

  @TempDir Path dataDir;

  @Test
  void rulesPassPromtool() throws Exception {
    Promtool.Result result = Promtool.checkRules(RULES);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 7 rules found");
  }

  @Test
  void dashboardAndServiceAlertsNameExportedMetrics() throws Exception {
    Set<String> wanted = metricNames(Files.readString(DASHBOARD));
    String rules = Files.readString(RULES);
    wanted.addAll(metricNames(rules.substring(0, rules.indexOf("- name: parking-operator"))));
    wanted.removeAll(FROM_PROMETHEUS);
    assertThat(wanted)
        .contains(
            "http_server_requests_seconds_bucket",
            "parking_spaces_occupied",
            "parking_store_batched_writes_total");

    DatabaseSettings postgres = TestDatabases.freshPostgresSchema();
    try (RunningService embedded =
            RunningService.start(TestDatabases.embedded(dataDir), Clock.systemUTC());
        RunningService onPostgres = RunningService.start(postgres, Clock.systemUTC())) {
      trafficOn(embedded.client());
      trafficOn(onPostgres.client());
      await()
          .untilAsserted(
              () -> {
                String scrapes =
                    embedded.telemetry().getText("/metrics").body()
                        + onPostgres.telemetry().getText("/metrics").body();
                assertThat(wanted)
                    .allSatisfy(
                        name ->
                            assertThat(scrapes)
                                .as("exported series %s", name)
                                .containsPattern("(?m)^" + name + "[{ ]"));
              });
    } finally {
      TestDatabases.dropSchemaOf(postgres);
    }
  }

  /**
   * A lot, two entries (one refused) and an exit: every per-lot and per-route series exists after.
   */
  private static void trafficOn(ApiClient api) {
    api.post("/api/lots", lotJson("dash", 1));
    String ticket =
        api.post("/api/lots/dash/entries", plateJson("D1")).json().get("ticketId").asText();
    api.post("/api/lots/dash/entries", plateJson("D2"));
    api.post("/api/tickets/" + ticket + "/exit", "");
  }

  /**
   * Names of the series a PromQL text selects: identifiers directly followed by a label matcher.
   */
  static Set<String> metricNames(String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher =
        Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{").matcher(text.replace("\\\"", "\""));
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    names.removeIf(name -> name.equals("labels") || name.startsWith("$"));
    return names;
  }
}
