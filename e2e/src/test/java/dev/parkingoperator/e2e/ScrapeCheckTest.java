package dev.parkingoperator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.e2e.standin.JarProcess;
import dev.parkingoperator.operator.model.Names;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.MockCluster;
import dev.parkingoperator.operator.support.RunningOperator;
import dev.parkingoperator.parking.support.ServiceProcess;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's scrape check against a real parking-service process at a pod IP of 127.0.0.1:
 * Scraped when the endpoint answers in the Prometheus format, HttpStatus404 on a wrong path,
 * ConnectionRefused when nothing listens — each checked once per rollout.
 */
class ScrapeCheckTest {

  @TempDir Path work;

  @Test
  void reportsWhetherTheMetricsEndpointReallyAnswers() throws Exception {
    int apiPort = ServiceProcess.freePort();
    int metricsPort = ServiceProcess.freePort();
    JarProcess service =
        JarProcess.start(
            ParkingAppScrapedByPrometheusTest.SERVICE_JAR,
            Map.of(
                "PORT",
                Integer.toString(apiPort),
                "METRICS_PORT",
                Integer.toString(metricsPort),
                "HTTP_BIND",
                "127.0.0.1",
                "METRICS_BIND",
                "127.0.0.1",
                "PARKING_DATA_DIR",
                work.resolve("data").toString()),
            work.resolve("service.log"));
    ScheduledExecutorService deploymentController = Executors.newSingleThreadScheduledExecutor();
    try (MockCluster cluster = MockCluster.start();
        KubernetesClient operatorClient = cluster.newOperatorClient();
        RunningOperator operator = RunningOperator.start(operatorClient)) {
      KubernetesClient client = cluster.client();
      ParkingApp app = Apps.app("shop", "checked");
      app.getSpec().setPort(apiPort);
      app.getSpec().setMetrics(metrics(metricsPort, "/metrics"));
      client.resource(app).create();
      client
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("checked-0")
                  .withNamespace("shop")
                  .withLabels(Names.labels(app))
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("parking-service")
                  .withImage(Apps.IMAGE)
                  .endContainer()
                  .endSpec()
                  .withNewStatus()
                  .withPhase("Running")
                  .withPodIP("127.0.0.1")
                  .addNewCondition()
                  .withType("Ready")
                  .withStatus("True")
                  .endCondition()
                  .endStatus()
                  .build())
          .create();
      deploymentController.scheduleWithFixedDelay(
          () -> {
            try {
              keepReady(client);
            } catch (KubernetesClientException conflict) {
              // raced a write of the operator's; the next tick tries again
            }
          },
          0,
          200,
          TimeUnit.MILLISECONDS);

      await("Scraped")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(reachable(client))
                      .hasValueSatisfying(
                          c -> {
                            assertThat(c.getStatus()).isEqualTo("True");
                            assertThat(c.getReason()).isEqualTo("Scraped");
                            assertThat(c.getMessage())
                                .startsWith(
                                    "GET http://127.0.0.1:"
                                        + metricsPort
                                        + "/metrics answered 200 with ");
                          }));

      edit(client, metrics(metricsPort, "/nope"));
      await("HttpStatus404")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(reachable(client))
                      .hasValueSatisfying(
                          c -> assertThat(c.getReason()).isEqualTo("HttpStatus404")));

      service.close();
      edit(client, metrics(metricsPort, "/metrics"));
      await("ConnectionRefused")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(reachable(client))
                      .hasValueSatisfying(
                          c -> {
                            assertThat(c.getStatus()).isEqualTo("False");
                            assertThat(c.getReason()).isEqualTo("ConnectionRefused");
                          }));
    } finally {
      deploymentController.shutdownNow();
      service.close();
    }
  }

  private static MetricsSpec metrics(int port, String path) {
    MetricsSpec metrics = new MetricsSpec();
    metrics.setPort(port);
    metrics.setPath(path);
    return metrics;
  }

  private static void edit(KubernetesClient client, MetricsSpec metrics) {
    dev.parkingoperator.operator.support.Conflicts.retry(
        () ->
            client
                .resources(ParkingApp.class)
                .inNamespace("shop")
                .withName("checked")
                .edit(
                    a -> {
                      a.getSpec().setMetrics(metrics);
                      return a;
                    }));
  }

  /**
   * The Deployment controller's part: the one replica is ready (a rollout's PUT resets it on the
   * mock).
   */
  private static void keepReady(KubernetesClient client) {
    Deployment live = client.apps().deployments().inNamespace("shop").withName("checked").get();
    if (live == null
        || (live.getStatus() != null
            && Integer.valueOf(1).equals(live.getStatus().getReadyReplicas())
            && live.getMetadata()
                .getGeneration()
                .equals(live.getStatus().getObservedGeneration()))) {
      return;
    }
    live.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(live.getMetadata().getGeneration())
            .withReplicas(1)
            .withUpdatedReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .build());
    client.resource(live).updateStatus();
  }

  private static Optional<Condition> reachable(KubernetesClient client) {
    ParkingApp app =
        client.resources(ParkingApp.class).inNamespace("shop").withName("checked").get();
    return Optional.ofNullable(app.getStatus())
        .flatMap(
            s ->
                s.getConditions().stream()
                    .filter(c -> c.getType().equals("MetricsReachable"))
                    .findFirst());
  }
}
