package dev.parkingoperator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.e2e.standin.JarProcess;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.controlplane.FakeKubelet;
import dev.parkingoperator.operator.support.controlplane.OperatorOnControlPlane;
import dev.parkingoperator.parking.support.ServiceProcess;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's scrape check on the real control plane, against a real parking-service process at
 * a pod IP of 127.0.0.1: Scraped when the endpoint answers in the Prometheus format, HttpStatus404
 * on a wrong path, ConnectionRefused when nothing listens — each checked once per rollout.
 */
class ScrapeCheckTest {

  @TempDir Path work;
  private String namespace;
  private final List<FakeKubelet> closeables = new ArrayList<>();

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
    try (OperatorOnControlPlane running = OperatorOnControlPlane.start()) {
      KubernetesClient client = running.client();
      namespace = running.plane().newNamespace("shop", Map.of());
      ParkingApp app = Apps.app(namespace, "checked");
      app.getSpec().setPort(apiPort);
      app.getSpec().setMetrics(metrics(metricsPort, "/metrics"));
      client.resource(app).create();
      // The real Deployment and ReplicaSet controllers make the pod; this kubelet reports it
      // running at 127.0.0.1, where the service process listens on the app's ports.
      FakeKubelet kubelet = FakeKubelet.start(client, namespace, "127.0.0.1");
      closeables.add(kubelet);

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
      closeables.forEach(FakeKubelet::close);
      service.close();
    }
  }

  private static MetricsSpec metrics(int port, String path) {
    MetricsSpec metrics = new MetricsSpec();
    metrics.setPort(port);
    metrics.setPath(path);
    return metrics;
  }

  private void edit(KubernetesClient client, MetricsSpec metrics) {
    dev.parkingoperator.operator.support.Conflicts.retry(
        () ->
            client
                .resources(ParkingApp.class)
                .inNamespace(namespace)
                .withName("checked")
                .edit(
                    a -> {
                      a.getSpec().setMetrics(metrics);
                      return a;
                    }));
  }

  private Optional<Condition> reachable(KubernetesClient client) {
    ParkingApp app =
        client.resources(ParkingApp.class).inNamespace(namespace).withName("checked").get();
    return Optional.ofNullable(app.getStatus())
        .flatMap(
            s ->
                s.getConditions().stream()
                    .filter(c -> c.getType().equals("MetricsReachable"))
                    .findFirst());
  }
}
