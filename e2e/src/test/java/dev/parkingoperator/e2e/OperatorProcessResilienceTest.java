package dev.parkingoperator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.e2e.standin.JarProcess;
import dev.parkingoperator.operator.chart.Chart;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.Convergence;
import dev.parkingoperator.operator.support.OperatorScrape;
import dev.parkingoperator.operator.support.controlplane.ChartRbac;
import dev.parkingoperator.operator.support.controlplane.ControlPlane;
import dev.parkingoperator.parking.support.ServiceProcess;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator jar as processes, killed with SIGKILL: mid-reconciliation it restarts and converges
 * without making anything twice; as the leader of two replicas, the standby takes over within the
 * lease, and only the leader ever reconciles.
 */
class OperatorProcessResilienceTest {

  static final Path OPERATOR_JAR = ParkingAppScrapedByPrometheusTest.OPERATOR_JAR;
  static final Duration WAIT = Duration.ofSeconds(60);
  static final int LEASE_SECONDS = 4;

  @TempDir Path work;

  private final ControlPlane plane = ControlPlane.shared();
  private final String serviceAccount =
      ChartRbac.install(plane, "leaderElection: {enabled: true}\n");

  @Test
  void killedMidReconciliationThenRestartedConvergesWithoutDuplicates() throws Exception {
    int apps = 60;
    try (KubernetesClient client = plane.adminClient()) {
      List<String> namespaces =
          List.of(plane.newNamespace("fleet-a", Map.of()), plane.newNamespace("fleet-b", Map.of()));
      for (int i = 0; i < apps; i++) {
        client.resource(Apps.app(namespaces.get(i % 2), "app-" + i)).create();
      }
      long convergedAtKill;
      try (JarProcess first = operator(client, "first", Map.of())) {
        await("a first Deployment")
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(5))
            .until(() -> !Convergence.ownedObjects(client, namespaces).isEmpty());
        first.kill();
        convergedAtKill = Convergence.convergedApps(client, namespaces);
        System.out.printf("operator killed with %d of %d apps converged%n", convergedAtKill, apps);
      }
      assertThat(convergedAtKill)
          .as("killed mid-way, not after the work was done")
          .isLessThan(apps);

      try (JarProcess second = operator(client, "second", Map.of())) {
        await("every app converged after the restart")
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> Convergence.convergedApps(client, namespaces) == apps);
        List<HasMetadata> owned = Convergence.ownedObjects(client, namespaces);
        assertThat(owned)
            .hasSize(2 * apps)
            .allSatisfy(o -> assertThat(Convergence.controllers(o)).hasSize(1));
      }
    }
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWithinTheLease() throws Exception {
    try (KubernetesClient client = plane.adminClient()) {
      String shared = plane.newNamespace("shared", Map.of());
      int metricsA = ServiceProcess.freePort();
      int metricsB = ServiceProcess.freePort();
      try (JarProcess a = operator(client, "a", leaderElected("operator-a", metricsA));
          JarProcess b = startedOnceALeads(client, metricsB)) {
        await("operator-b up as standby").atMost(WAIT).until(() -> answers(metricsB));
        for (int i = 0; i < 10; i++) {
          client.resource(Apps.app(shared, "app-" + i)).create();
        }
        await("the leader reconciled them")
            .atMost(WAIT)
            .until(() -> Convergence.convergedApps(client, List.of(shared)) == 10);
        assertThat(reconciliations(metricsA)).isPositive();
        assertThat(reconciliations(metricsB)).isZero();

        a.kill();
        long killed = System.nanoTime();
        client.resource(Apps.app(shared, "after-failover")).create();
        await("operator-b takes the lease")
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> holder(client).equals(Optional.of("operator-b")));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        System.out.printf(
            "leader killed: operator-b took the %d s lease after %d ms%n",
            LEASE_SECONDS, takeover.toMillis());
        await("operator-b reconciles")
            .atMost(WAIT)
            .until(() -> Convergence.convergedApps(client, List.of(shared)) == 11);
        // A lease is taken over once it expires; retries run every lease/8 (at least 500 ms).
        assertThat(takeover).isLessThan(Duration.ofSeconds(LEASE_SECONDS).plusSeconds(2));
        assertThat(reconciliations(metricsB)).isPositive();
      }
    }
  }

  /** Starts operator-b once operator-a holds the Lease, so which one leads is known. */
  private JarProcess startedOnceALeads(KubernetesClient client, int metricsPort) throws Exception {
    await("operator-a leads")
        .atMost(WAIT)
        .until(() -> holder(client).equals(Optional.of("operator-a")));
    return operator(client, "b", leaderElected("operator-b", metricsPort));
  }

  private static Map<String, String> leaderElected(String identity, int metricsPort) {
    return Map.of(
        "LEADER_ELECTION_ENABLED",
        "true",
        "LEADER_ELECTION_NAMESPACE",
        Chart.NAMESPACE,
        "LEADER_ELECTION_LEASE_SECONDS",
        Integer.toString(LEASE_SECONDS),
        "POD_NAME",
        identity,
        "METRICS_PORT",
        Integer.toString(metricsPort));
  }

  private JarProcess operator(KubernetesClient client, String name, Map<String, String> extra)
      throws Exception {
    assertThat(OPERATOR_JAR).as("built by the package phase of operator").exists();
    Map<String, String> env = new HashMap<>();
    env.put("KUBERNETES_MASTER", plane.url());
    // As the chart's ServiceAccount, so the real authorizer judges every call.
    env.put("KUBERNETES_AUTH_TOKEN", plane.token(Chart.NAMESPACE, serviceAccount));
    env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put("KUBERNETES_NAMESPACE", "default");
    env.put("METRICS_BIND", "127.0.0.1");
    env.put("METRICS_PORT", Integer.toString(ServiceProcess.freePort()));
    env.put("SCRAPE_CHECK_INTERVAL_SECONDS", "0");
    env.putAll(extra);
    return JarProcess.start(OPERATOR_JAR, env, work.resolve("operator-" + name + ".log"));
  }

  private static Optional<String> holder(KubernetesClient client) {
    Lease lease =
        client.leases().inNamespace(Chart.NAMESPACE).withName("parking-operator-leader").get();
    return Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity());
  }

  private static double reconciliations(int metricsPort) throws Exception {
    return OperatorScrape.sum(
        OperatorScrape.scrape(metricsPort), "operator_sdk_reconciliations_started_total");
  }

  /** Whether the operator's telemetry listener answers yet. */
  private static boolean answers(int metricsPort) throws InterruptedException {
    try {
      OperatorScrape.scrape(metricsPort);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
