package dev.parkingoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.MockCluster;
import dev.parkingoperator.operator.support.OperatorScrape;
import dev.parkingoperator.operator.support.RunningOperator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Writes that fail at the API server are retried by the framework with backoff; meanwhile the
 * status says Degraded with reason ReconcileError, and the retries show in the operator's metrics.
 */
class TransientFailureTest {

  @Test
  void retriesWithBackoffAndReportsTheFailureMeanwhile() throws Exception {
    try (MockCluster cluster = MockCluster.start();
        KubernetesClient operatorClient = cluster.newClientWithoutRetries();
        RunningOperator operator = RunningOperator.start(operatorClient)) {
      KubernetesClient client = cluster.client();
      cluster.dispatcher().failWrites("/namespaces/flaky/deployments", 2);
      CopyOnWriteArrayList<String> degradedReasons = new CopyOnWriteArrayList<>();

      client.resource(Apps.app("flaky", "app")).create();

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                ParkingApp app =
                    client.resources(ParkingApp.class).inNamespace("flaky").withName("app").get();
                degraded(app)
                    .filter(c -> c.getStatus().equals("True"))
                    .ifPresent(c -> degradedReasons.addIfAbsent(c.getReason()));
                assertThat(client.apps().deployments().inNamespace("flaky").withName("app").get())
                    .isNotNull();
                assertThat(degraded(app))
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
              });

      assertThat(degradedReasons).containsExactly("ReconcileError");
      String metrics = OperatorScrape.scrape(operator.telemetryPort());
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
