package dev.parkingoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.MockCluster;
import dev.parkingoperator.operator.support.RunningOperator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Two replicas with leader election: one reconciles; when it stops, the other takes over. */
class LeaderElectionTest {

  @Test
  void exactlyOneReplicaLeadsAndTheOtherTakesOver() throws Exception {
    try (MockCluster cluster = MockCluster.start();
        KubernetesClient clientA = cluster.newClient();
        KubernetesClient clientB = cluster.newClient()) {
      KubernetesClient client = cluster.client();
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("operators").endMetadata().build())
          .create();
      RunningOperator a =
          RunningOperator.start(clientA, RunningOperator.leaderElected("replica-a"));
      try (RunningOperator b =
          RunningOperator.start(clientB, RunningOperator.leaderElected("replica-b"))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> holder(client), "replica-a"::equals);

        client.resource(Apps.app("shop", "one")).create();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    client.apps().deployments().inNamespace("shop").withName("one").get() != null);
        assertThat(holder(client)).isEqualTo("replica-a");

        Instant stopped = Instant.now();
        a.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> holder(client), "replica-b"::equals);
        Duration takeover = Duration.between(stopped, Instant.now());
        assertThat(takeover)
            .as("within the lease duration plus a retry period")
            .isLessThan(Duration.ofSeconds(5));

        client.resource(Apps.app("shop", "two")).create();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    client.apps().deployments().inNamespace("shop").withName("two").get() != null);

        var leaseCalls =
            cluster.dispatcher().operatorRequests().stream()
                .map(dev.parkingoperator.operator.support.ApiCall::of)
                .filter(call -> call.resource().equals("leases"))
                .map(call -> call.verb())
                .distinct()
                .toList();
        var declared =
            dev.parkingoperator.operator.rbac.RequiredPermissions.leaderElection(
                RunningOperator.leaderElected("x"));
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

  private static String holder(KubernetesClient client) {
    Lease lease =
        client.leases().inNamespace("operators").withName("parking-operator-leader").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
