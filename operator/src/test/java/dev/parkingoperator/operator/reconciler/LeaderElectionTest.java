package dev.parkingoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.operator.chart.Chart;
import dev.parkingoperator.operator.config.OperatorConfig;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.RunningOperator;
import dev.parkingoperator.operator.support.controlplane.AuditLog;
import dev.parkingoperator.operator.support.controlplane.ChartRbac;
import dev.parkingoperator.operator.support.controlplane.ControlPlane;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two replicas with leader election: one reconciles; when it stops, the other takes over. */
class LeaderElectionTest {

  private static final String LEASE_NAMESPACE = Chart.NAMESPACE;

  @Test
  void exactlyOneReplicaLeadsAndTheOtherTakesOver() throws Exception {
    ControlPlane plane = ControlPlane.shared();
    String serviceAccount =
        ChartRbac.install(plane, "leaderElection: {enabled: true, leaseSeconds: 3}\n");
    String user = AuditLog.serviceAccountUser(Chart.NAMESPACE, serviceAccount);
    Instant from = Instant.now();
    try (KubernetesClient client = plane.adminClient();
        KubernetesClient clientA = plane.clientAs(Chart.NAMESPACE, serviceAccount);
        KubernetesClient clientB = plane.clientAs(Chart.NAMESPACE, serviceAccount)) {
      String ns = plane.newNamespace("shop", Map.of());
      RunningOperator a = RunningOperator.start(clientA, leaderElected("replica-a"));
      try (RunningOperator b = RunningOperator.start(clientB, leaderElected("replica-b"))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> holder(client), "replica-a"::equals);

        client.resource(Apps.app(ns, "one")).create();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> client.apps().deployments().inNamespace(ns).withName("one").get() != null);
        assertThat(holder(client)).isEqualTo("replica-a");

        Instant stopped = Instant.now();
        a.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> holder(client), "replica-b"::equals);
        Duration takeover = Duration.between(stopped, Instant.now());
        assertThat(takeover)
            .as("within the lease duration plus a retry period")
            .isLessThan(Duration.ofSeconds(5));

        client.resource(Apps.app(ns, "two")).create();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> client.apps().deployments().inNamespace(ns).withName("two").get() != null);

        var leaseCalls =
            AuditLog.requestsBy(plane.auditLog(), user, from).stream()
                .filter(call -> call.resource().equals("leases"))
                .peek(call -> assertThat(call.code()).as("granted: %s", call).isNotEqualTo(403))
                .map(AuditLog.Write::verb)
                .distinct()
                .toList();
        var declared =
            dev.parkingoperator.operator.rbac.RequiredPermissions.leaderElection(
                leaderElected("x"));
        assertThat(declared)
            .singleElement()
            .satisfies(
                rule ->
                    assertThat(
                            rule.verbs().stream()
                                .filter(
                                    verb ->
                                        !ParkingAppOperatorTest.checkedNotCalled(
                                            new dev.parkingoperator.operator.support.ApiCall(
                                                rule.apiGroup(), rule.resource(), verb)))
                                .toList())
                        .containsExactlyInAnyOrderElementsOf(leaseCalls));
      } finally {
        a.close();
      }
    }
  }

  /** A replica with a short lease in the chart's namespace, where its Role grants Leases. */
  private static OperatorConfig leaderElected(String identity) {
    OperatorConfig config = RunningOperator.leaderElected(identity);
    OperatorConfig.LeaderElection election = config.leaderElection().orElseThrow();
    return new OperatorConfig(
        config.watchedNamespaces(),
        config.logLevel(),
        Optional.of(
            new OperatorConfig.LeaderElection(
                election.leaseName(),
                LEASE_NAMESPACE,
                election.identity(),
                election.leaseDuration(),
                election.renewDeadline(),
                election.retryPeriod(),
                election.exitOnLoss())),
        config.reconcileThreads(),
        config.scrapeCheckInterval(),
        Optional.of(LEASE_NAMESPACE),
        config.telemetry());
  }

  private static String holder(KubernetesClient client) {
    Lease lease =
        client.leases().inNamespace(LEASE_NAMESPACE).withName("parking-operator-leader").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
