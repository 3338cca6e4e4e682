package dev.parkingoperator.operator.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.OperatorScrape;
import dev.parkingoperator.operator.support.RunningOperator;
import dev.parkingoperator.operator.support.controlplane.AdmissionDenial;
import dev.parkingoperator.operator.support.controlplane.OperatorOnControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator's dashboard and alerts ask only for series it exports: each metric name in their
 * queries is found in a scrape of the running operator after it reconciled, including a failure.
 */
class OperatorDashboardTest {

  static final Path DASHBOARD =
      Path.of("..", "helm", "parking-operator", "dashboards", "parking-operator.json");
  static final Path RULES = Path.of("..", "examples", "prometheus-rules.yaml");

  @Test
  void dashboardAndOperatorAlertsNameExportedMetrics() throws Exception {
    Set<String> wanted = metricNames(Files.readString(DASHBOARD));
    String rules = Files.readString(RULES);
    wanted.addAll(metricNames(rules.substring(rules.indexOf("- name: parking-operator"))));
    wanted.remove("up");
    assertThat(wanted)
        .contains(
            "operator_sdk_reconciliations_failed_total",
            "operator_sdk_controllers_execution_reconcile_seconds_bucket");

    try (OperatorOnControlPlane running = OperatorOnControlPlane.start()) {
      String ns = running.plane().newNamespace("dash", Map.of());
      // One refused write, so the failure series exist too.
      try (AdmissionDenial denial = AdmissionDenial.denyDeployments(running.client(), ns)) {
        running.client().resource(Apps.app(ns, "app")).create();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    OperatorScrape.sum(
                            OperatorScrape.scrape(running.operator().telemetryPort()),
                            "operator_sdk_reconciliations_failed_total")
                        > 0);
      }
      RunningOperator operator = running.operator();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                String body = OperatorScrape.scrape(operator.telemetryPort());
                assertThat(wanted)
                    .allSatisfy(
                        name ->
                            assertThat(body)
                                .as("exported series %s", name)
                                .containsPattern("(?m)^" + name + "[{ ]"));
              });
    }
  }

  static Set<String> metricNames(String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{").matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    names.removeIf(name -> name.equals("labels"));
    return names;
  }
}
