package dev.parkingoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.OperatorScrape;
import dev.parkingoperator.operator.support.controlplane.AdmissionDenial;
import dev.parkingoperator.operator.support.controlplane.OperatorOnControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Writes the API server refuses (an admission policy here) are retried by the framework with
 * backoff; meanwhile the status says Degraded with reason ReconcileError, and the retries show in
 * the operator's metrics.
 */
class TransientFailureTest {

  @Test
  void retriesWithBackoffAndReportsTheFailureMeanwhile() throws Exception {
    try (OperatorOnControlPlane running = OperatorOnControlPlane.start()) {
      KubernetesClient client = running.client();
      String ns = running.plane().newNamespace("flaky", Map.of());
      CopyOnWriteArrayList<String> degradedReasons = new CopyOnWriteArrayList<>();
      try (AdmissionDenial denial = AdmissionDenial.denyDeployments(client, ns)) {
        client.resource(Apps.app(ns, "app")).create();
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  degraded(client.resources(ParkingApp.class).inNamespace(ns).withName("app").get())
                      .filter(c -> c.getStatus().equals("True"))
                      .ifPresent(c -> degradedReasons.addIfAbsent(c.getReason()));
                  return !degradedReasons.isEmpty();
                });
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                ParkingApp app =
                    client.resources(ParkingApp.class).inNamespace(ns).withName("app").get();
                assertThat(client.apps().deployments().inNamespace(ns).withName("app").get())
                    .isNotNull();
                assertThat(degraded(app))
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
              });

      assertThat(degradedReasons).containsExactly("ReconcileError");
      String metrics = OperatorScrape.scrape(running.operator().telemetryPort());
      assertThat(metrics)
          .contains("operator_sdk_events_received_total")
          .containsPattern("operator_sdk_reconciliations_failed_total\\{[^}]*\\} [1-9]");
    }
  }

  private static Optional<Condition> degraded(ParkingApp app) {
    return Optional.ofNullable(app)
        .map(ParkingApp::getStatus)
        .flatMap(s -> Conditions.find(s.getConditions(), Conditions.DEGRADED));
  }
}
