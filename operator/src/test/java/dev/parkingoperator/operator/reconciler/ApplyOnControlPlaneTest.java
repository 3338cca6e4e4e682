package dev.parkingoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.crd.DatabaseSpec;
import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.NetworkPolicySpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ParkingAppSpec;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.controlplane.AuditLog;
import dev.parkingoperator.operator.support.controlplane.ControlPlane;
import dev.parkingoperator.operator.support.controlplane.FakeKubelet;
import dev.parkingoperator.operator.support.controlplane.OperatorOnControlPlane;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How the operator applies what it wants, on a real API server: one that defaults fields,
 * normalises quantities, drops empty env values and runs the Deployment controller. The operator
 * runs as the chart's ServiceAccount; its writes are counted in the server's audit log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplyOnControlPlaneTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration IDLE = Duration.ofSeconds(60);
  private static final Map<String, String> RESTRICTED =
      Map.of("pod-security.kubernetes.io/enforce", "restricted");

  private OperatorOnControlPlane running;
  private ControlPlane plane;
  private KubernetesClient client;

  @BeforeAll
  void start() {
    running = OperatorOnControlPlane.start();
    plane = running.plane();
    client = running.client();
  }

  @AfterAll
  void stop() {
    running.close();
  }

  /** Every optional field set, quantities and an env value written as people write them. */
  private static ParkingApp everythingSet(String namespace, String name) {
    ParkingApp app = Apps.app(namespace, name);
    ParkingAppSpec spec = app.getSpec();
    spec.setReplicas(2);
    spec.setPort(8080);
    spec.setImagePullPolicy(ParkingAppSpec.PullPolicy.IfNotPresent);
    spec.setResources(
        new ResourceRequirementsBuilder()
            .withRequests(
                Map.of(
                    "cpu",
                    new Quantity("0.5"),
                    "memory",
                    new Quantity("1024Mi"),
                    "ephemeral-storage",
                    new Quantity("1e3")))
            .withLimits(Map.of("cpu", new Quantity("1000m"), "memory", new Quantity("2e9")))
            .build());
    spec.setEnv(
        List.of(new EnvVar("EMPTY", "", null), new EnvVar("JAVA_TOOL_OPTIONS", "-Xss512k", null)));
    spec.setPodLabels(Map.of("team", "parking"));
    spec.setPodAnnotations(Map.of("parking.example.com/owner", "ops"));
    MetricsSpec metrics = new MetricsSpec();
    metrics.setEnabled(true);
    metrics.setPort(9100);
    metrics.setPath("/internal/metrics");
    metrics.setScheme(MetricsSpec.Scheme.http);
    metrics.setInterval("15s");
    metrics.setMonitorLabels(Map.of("release", "prometheus"));
    spec.setMetrics(metrics);
    NetworkPolicySpec network = new NetworkPolicySpec();
    network.setEnabled(true);
    network.setApiFrom(
        List.of(
            new NetworkPolicyPeerBuilder()
                .withNewPodSelector()
                .withMatchLabels(Map.of("role", "barrier"))
                .endPodSelector()
                .build()));
    spec.setNetworkPolicy(network);
    DatabaseSpec database = new DatabaseSpec();
    database.setSecretName("db");
    spec.setDatabase(database);
    return app;
  }

  private void createDatabaseSecret(String namespace) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(
                    Map.of("url", "jdbc:postgresql://db:5432/p", "username", "p", "password", "x"))
                .build())
        .create();
  }

  private Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private List<AuditLog.Write> operatorWritesSince(Instant since) {
    return AuditLog.writesBy(plane.auditLog(), running.user(), since);
  }

  /** Settled: the operator made no write for a few seconds. */
  private void awaitSettled() {
    await("the operator settles")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                operatorWritesSince(Instant.now().minusSeconds(5)).stream()
                    .noneMatch(write -> write.namespace().startsWith("idle-")));
  }

  private boolean isReady(String namespace, String name) {
    ParkingApp app = client.resources(ParkingApp.class).inNamespace(namespace).withName(name).get();
    return app != null && app.getStatus() != null && StatusComputer.isReady(app.getStatus());
  }

  /**
   * Once settled (pods ready through a stand-in kubelet), a restarted operator reconciles every app
   * again and an idle one is reconciled by every status event; neither may write anything.
   */
  @Test
  void anIdleOrRestartedOperatorWritesNothing() throws InterruptedException {
    String namespace = plane.newNamespace("idle", RESTRICTED);
    createDatabaseSecret(namespace);
    client.resource(everythingSet(namespace, "everything")).create();
    client.resource(Apps.app(namespace, "minimal")).create();
    try (FakeKubelet kubelet = FakeKubelet.start(client, namespace)) {
      await("both apps ready")
          .atMost(Duration.ofSeconds(60))
          .until(() -> isReady(namespace, "everything") && isReady(namespace, "minimal"));
      awaitSettled();

      Instant restarted = Instant.now();
      running.restart();
      Thread.sleep(IDLE.toMillis());

      // Apps other tests left on the shared control plane are reconciled too; these are counted.
      assertThat(operatorWritesSince(restarted))
          .filteredOn(write -> write.namespace().equals(namespace))
          .as("writes by a restarted operator in %s, the apps unchanged", IDLE)
          .isEmpty();
    }
  }

  @Test
  void valuesOthersAddSurviveReconciles() {
    String namespace = plane.newNamespace("others", RESTRICTED);
    client.resource(Apps.app(namespace, "shared")).create();
    await().atMost(WAIT).until(() -> deployment(namespace, "shared") != null);
    Toleration toleration =
        new TolerationBuilder()
            .withKey("dedicated")
            .withOperator("Equal")
            .withValue("parking")
            .withEffect("NoSchedule")
            .build();
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("shared")
        .edit(
            d -> {
              d.getMetadata().getAnnotations().put("example.com/added-by", "admin");
              d.getSpec().getTemplate().getSpec().setTolerations(List.of(toleration));
              d.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("pool", "parking"));
              d.getSpec()
                  .getTemplate()
                  .getMetadata()
                  .getAnnotations()
                  .put("kubectl.kubernetes.io/restartedAt", "2026-12-05T10:00:00Z");
              return d;
            });

    // A spec change: the operator must write, and must keep what others added.
    client
        .resources(ParkingApp.class)
        .inNamespace(namespace)
        .withName("shared")
        .edit(
            app -> {
              app.getSpec().setPodLabels(Map.of("tier", "gold"));
              return app;
            });
    await("the spec change is applied")
        .atMost(WAIT)
        .until(
            () ->
                "gold"
                    .equals(
                        deployment(namespace, "shared")
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getLabels()
                            .get("tier")));

    Deployment live = deployment(namespace, "shared");
    assertThat(live.getMetadata().getAnnotations()).containsEntry("example.com/added-by", "admin");
    assertThat(live.getSpec().getTemplate().getSpec().getTolerations()).containsExactly(toleration);
    assertThat(live.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry("pool", "parking");
    assertThat(live.getSpec().getTemplate().getMetadata().getAnnotations())
        .as("kubectl rollout restart is not reverted")
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-12-05T10:00:00Z");
  }

  @Test
  void aValueTheOperatorOwnsIsPutBack() {
    String namespace = plane.newNamespace("drift", RESTRICTED);
    client.resource(Apps.app(namespace, "owned")).create();
    await().atMost(WAIT).until(() -> deployment(namespace, "owned") != null);

    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("owned")
        .edit(
            d -> {
              d.getSpec()
                  .getTemplate()
                  .getMetadata()
                  .getAnnotations()
                  .put("prometheus.io/port", "1");
              return d;
            });

    await("the scrape annotation is restored")
        .atMost(WAIT)
        .until(
            () ->
                "9568"
                    .equals(
                        deployment(namespace, "owned")
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations()
                            .get("prometheus.io/port")));
  }
}
