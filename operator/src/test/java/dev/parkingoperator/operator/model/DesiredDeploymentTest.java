package dev.parkingoperator.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.crd.DatabaseSpec;
import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.support.Apps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DesiredDeploymentTest {

  private static Deployment desired(ParkingApp app) {
    return DesiredDeployment.of(app, AppSettings.of(app));
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, String> env(Deployment deployment) {
    return container(deployment).getEnv().stream()
        .collect(
            Collectors.toMap(EnvVar::getName, e -> e.getValue() == null ? "<ref>" : e.getValue()));
  }

  @Test
  void annotatesPodsForPrometheusAndNamesTheMetricsPort() {
    Deployment deployment = desired(Apps.app("ns", "shop"));

    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "prometheus.io/scrape", "true",
                "prometheus.io/port", "9568",
                "prometheus.io/path", "/metrics",
                "prometheus.io/scheme", "http"));
    assertThat(container(deployment).getPorts())
        .extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactly("http=8080", "metrics=9568");
  }

  @Test
  void labelsEverythingForSelectionByTheOperatorAndByTools() {
    Deployment deployment = desired(Apps.app("ns", "shop"));

    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "parking-service")
        .containsEntry("app.kubernetes.io/instance", "shop")
        .containsEntry("app.kubernetes.io/component", "api")
        .containsEntry("app.kubernetes.io/managed-by", "parking-operator");
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app.kubernetes.io/name", "parking-service", "app.kubernetes.io/instance", "shop"));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getMetadata().getLabels());
  }

  @Test
  void tellsTheServiceItsPortsAndPodIdentity() {
    Map<String, String> env = env(desired(Apps.app("ns", "shop")));

    assertThat(env)
        .containsEntry("PORT", "8080")
        .containsEntry("METRICS_PORT", "9568")
        .containsEntry("METRICS_PATH", "/metrics")
        .containsEntry("PARKING_DATA_DIR", DesiredDeployment.DATA_DIR)
        .containsEntry("POD_NAME", "<ref>")
        .containsEntry("POD_NAMESPACE", "<ref>")
        .doesNotContainKey("PARKING_DB_URL");
  }

  @Test
  void injectsTheDatabaseSecretByReference() {
    ParkingApp app = Apps.app("ns", "shop");
    DatabaseSpec database = new DatabaseSpec();
    database.setSecretName("parking-db");
    app.getSpec().setDatabase(database);

    List<EnvVar> env = container(desired(app)).getEnv();

    assertThat(env)
        .filteredOn(e -> e.getName().startsWith("PARKING_DB_"))
        .extracting(
            e ->
                e.getName()
                    + "="
                    + e.getValueFrom().getSecretKeyRef().getName()
                    + "/"
                    + e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactly(
            "PARKING_DB_URL=parking-db/url",
            "PARKING_DB_USERNAME=parking-db/username",
            "PARKING_DB_PASSWORD=parking-db/password");
  }

  @Test
  void runsRestricted() {
    PodSpec pod = desired(Apps.app("ns", "shop")).getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0).getSecurityContext();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getVolumes())
        .extracting(v -> v.getName() + ":" + (v.getEmptyDir() != null))
        .containsExactly("data:true", "tmp:true");
    assertThat(pod.getTerminationGracePeriodSeconds())
        .isGreaterThan((long) DesiredDeployment.SHUTDOWN_GRACE_SECONDS);
  }

  @Test
  void probesTheTelemetryPortsHealthPaths() {
    Container container = container(desired(Apps.app("ns", "shop")));

    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(9568);
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
  }

  @Test
  void metricsOffDropsAnnotationsAndPortButKeepsProbes() {
    ParkingApp app = Apps.app("ns", "shop");
    MetricsSpec metrics = new MetricsSpec();
    metrics.setEnabled(false);
    app.getSpec().setMetrics(metrics);

    Deployment deployment = desired(app);

    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).isEmpty();
    assertThat(container(deployment).getPorts())
        .extracting(p -> p.getName())
        .containsExactly("http");
    assertThat(env(deployment)).containsEntry("METRICS_ENABLED", "false");
    assertThat(container(deployment).getReadinessProbe().getHttpGet().getPort().getIntVal())
        .isEqualTo(9568);
  }

  @Test
  void replicasComeFromTheSpecOrAreLeftToWhoeverSetsThem() {
    ParkingApp app = Apps.app("ns", "shop");
    assertThat(desired(app).getSpec().getReplicas())
        .as("not applied, so an autoscaler owns the count")
        .isNull();
    app.getSpec().setReplicas(2);
    assertThat(desired(app).getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void userAnnotationsAndLabelsReachThePods() {
    ParkingApp app = Apps.app("ns", "shop");
    app.getSpec().setPodAnnotations(Map.of("team", "parking"));
    app.getSpec().setPodLabels(Map.of("tier", "api"));

    Deployment deployment = desired(app);

    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("team", "parking");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("tier", "api");
  }
}
