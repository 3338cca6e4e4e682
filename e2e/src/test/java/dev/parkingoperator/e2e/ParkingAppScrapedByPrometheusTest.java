package dev.parkingoperator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.e2e.standin.KubeletStandIn;
import dev.parkingoperator.e2e.standin.PodDiscoveryEndpoint;
import dev.parkingoperator.operator.chart.Chart;
import dev.parkingoperator.operator.support.controlplane.ChartRbac;
import dev.parkingoperator.operator.support.controlplane.ControlPlane;
import dev.parkingoperator.parking.support.ApiClient;
import dev.parkingoperator.parking.support.PrometheusServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mission in one test: a cluster admin applies a ParkingApp; the operator (its jar, configured
 * as the chart configures it) makes a Deployment whose pods carry the scrape annotations; a real
 * Prometheus, with the relabel rules published in examples/, discovers the pods and scrapes the
 * parking service's own telemetry port. A real control plane (API server, Deployment, ReplicaSet
 * and garbage-collector controllers) runs it, with two small stand-ins for the kubelet and for
 * Kubernetes service discovery.
 */
class ParkingAppScrapedByPrometheusTest {

  static final Path SERVICE_JAR = Path.of("..", "parking-service", "target", "parking-service.jar");
  static final Path OPERATOR_JAR = Path.of("..", "operator", "target", "parking-operator.jar");
  static final Path EXAMPLES = Path.of("..", "examples");
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path work;

  @Test
  void aParkingAppBecomesAPrometheusTargetThatIsScraped() throws Exception {
    assertThat(SERVICE_JAR)
        .as("built by the package phase of parking-service (./mvnw verify builds it first)")
        .exists();
    assertThat(OPERATOR_JAR).as("built by the package phase of operator").exists();
    ControlPlane plane = ControlPlane.shared();
    String serviceAccount = ChartRbac.install(plane, "");
    try (KubernetesClient client = plane.adminClient()) {
      client.getKubernetesSerialization().registerKubernetesResource(ParkingApp.class);
      String namespace =
          plane.newNamespace("parking", Map.of("pod-security.kubernetes.io/enforce", "restricted"));
      // What a pod of the operator's ServiceAccount would hold: the API server and a token.
      Map<String, String> podEnvironment =
          Map.of(
              "KUBERNETES_MASTER", plane.url(),
              "KUBERNETES_AUTH_TOKEN", plane.token(Chart.NAMESPACE, serviceAccount),
              "KUBERNETES_TRUST_CERTIFICATES", "true",
              "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
              "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false",
              "HTTP_BIND", "127.0.0.1",
              "METRICS_BIND", "127.0.0.1");
      ScheduledExecutorService controllers = Executors.newSingleThreadScheduledExecutor();
      try (KubeletStandIn kubelet =
              new KubeletStandIn(
                  client,
                  work,
                  Map.of("parking-operator", OPERATOR_JAR, "parking-service", SERVICE_JAR),
                  podEnvironment);
          PodDiscoveryEndpoint discovery = PodDiscoveryEndpoint.start(client);
          PrometheusServer prometheus =
              PrometheusServer.start(
                  Files.createDirectories(work.resolve("prometheus")),
                  scrapeJob(discovery.url()))) {
        Deployment operatorDeployment = Chart.ofKind(Chart.render(""), Deployment.class).get(0);
        kubelet.start(
            Chart.NAMESPACE,
            "parking-parking-operator-0",
            "parking-parking-operator",
            operatorDeployment.getSpec().getTemplate());

        ParkingApp app = loadExample("parkingapp-minimal.yaml");
        app.getMetadata().setNamespace(namespace);
        app.getSpec().setReplicas(2);
        client.resource(app).create();
        controllers.scheduleWithFixedDelay(
            () -> {
              try {
                kubelet.sync(namespace, "downtown");
              } catch (KubernetesClientException conflict) {
                // raced a write of the operator's (409); the next tick syncs again
              }
            },
            0,
            300,
            TimeUnit.MILLISECONDS);

        await("both app pods up as targets")
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(upTargets(prometheus, namespace)).hasSize(2));
        List<String> podNames =
            kubelet.podsOf(namespace, "downtown").stream()
                .map(KubeletStandIn.RunningPod::name)
                .toList();
        assertThat(upTargets(prometheus, namespace))
            .extracting(t -> t.path("labels").path("pod").asText())
            .containsExactlyInAnyOrderElementsOf(podNames);

        await("both pods ready, as their readiness probes say")
            .atMost(WAIT)
            .until(
                () ->
                    Integer.valueOf(2)
                        .equals(
                            client
                                .apps()
                                .deployments()
                                .inNamespace(namespace)
                                .withName("downtown")
                                .get()
                                .getStatus()
                                .getReadyReplicas()));
        await("the ParkingApp Ready")
            .atMost(WAIT)
            .until(
                () ->
                    "True"
                        .equals(
                            client
                                .resources(ParkingApp.class)
                                .inNamespace(namespace)
                                .withName("downtown")
                                .get()
                                .getStatus()
                                .getConditions()
                                .stream()
                                .filter(c -> c.getType().equals("Ready"))
                                .findFirst()
                                .map(c -> c.getStatus())
                                .orElse("")));

        // Drivers use one pod; its parking and HTTP series reach Prometheus labelled with namespace
        // and pod.
        KubeletStandIn.RunningPod first = kubelet.podsOf(namespace, "downtown").get(0);
        ApiClient api = new ApiClient(first.ports().get(8080));
        assertThat(api.post("/api/lots", ApiClient.lotJson("central", 10)).status()).isEqualTo(201);
        assertThat(api.post("/api/lots/central/entries", ApiClient.plateJson("E2E1")).status())
            .isEqualTo(201);
        await("a parking metric queryable")
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  JsonNode entries =
                      prometheus.query(
                          "parking_entries_total{namespace=\"" + namespace + "\",lot=\"central\"}");
                  assertThat(entries).hasSize(1);
                  assertThat(entries.get(0).path("metric").path("pod").asText())
                      .isEqualTo(first.name());
                  assertThat(entries.get(0).path("value").get(1).asText()).isEqualTo("1");
                });
        await("the HTTP histogram queryable")
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(
                            prometheus.query(
                                "sum by (route)"
                                    + " (http_server_requests_seconds_count{namespace=\""
                                    + namespace
                                    + "\",route=\"/api/lots\"})"))
                        .hasSize(1));

        // The operator's own pod, rendered from the chart, is scraped the same way.
        await("the operator scraped")
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  assertThat(upTargets(prometheus, Chart.NAMESPACE)).hasSize(1);
                  assertThat(
                          prometheus.query(
                              "operator_sdk_reconciliations_started_total{namespace=\"parking-system\"}"))
                      .isNotEmpty();
                });

        // Scaling to 1 deletes a Pod, and its target goes.
        dev.parkingoperator.operator.support.Conflicts.retry(
            () ->
                client
                    .resources(ParkingApp.class)
                    .inNamespace(namespace)
                    .withName("downtown")
                    .edit(
                        a -> {
                          a.getSpec().setReplicas(1);
                          return a;
                        }));
        await("one target left")
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(upTargets(prometheus, namespace)).hasSize(1));

        // Metrics off: pods without scrape annotations are no targets.
        dev.parkingoperator.operator.support.Conflicts.retry(
            () ->
                client
                    .resources(ParkingApp.class)
                    .inNamespace(namespace)
                    .withName("downtown")
                    .edit(
                        a -> {
                          MetricsSpec metrics = new MetricsSpec();
                          metrics.setEnabled(false);
                          a.getSpec().setMetrics(metrics);
                          return a;
                        }));
        await("no targets")
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(targets(prometheus, namespace)).isEmpty());
        assertThat(kubelet.podsOf(namespace, "downtown")).as("the app still runs").hasSize(1);
      } finally {
        controllers.shutdownNow();
      }
    }
  }

  private static ParkingApp loadExample(String file) throws Exception {
    try (InputStream in = Files.newInputStream(EXAMPLES.resolve(file))) {
      return new KubernetesSerialization().unmarshal(in, ParkingApp.class);
    }
  }

  /**
   * The published job (examples/prometheus-scrape-config.yaml) with its relabel rules unchanged;
   * only discovery is swapped: http_sd_configs instead of kubernetes_sd_configs.
   */
  @SuppressWarnings("unchecked")
  static String scrapeJob(String discoveryUrl) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, Object> config =
        yaml.readValue(EXAMPLES.resolve("prometheus-scrape-config.yaml").toFile(), Map.class);
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
    jobs.get(0)
        .put("http_sd_configs", List.of(Map.of("url", discoveryUrl, "refresh_interval", "1s")));
    return yaml.writeValueAsString(jobs).replaceFirst("^---\\s*\\n", "");
  }

  private static List<JsonNode> targets(PrometheusServer prometheus, String namespace) {
    return StreamSupport.stream(prometheus.activeTargets().spliterator(), false)
        .filter(t -> namespace.equals(t.path("labels").path("namespace").asText()))
        .toList();
  }

  private static List<JsonNode> upTargets(PrometheusServer prometheus, String namespace) {
    return new ArrayList<>(
        targets(prometheus, namespace).stream()
            .filter(t -> "up".equals(t.path("health").asText()))
            .toList());
  }
}
