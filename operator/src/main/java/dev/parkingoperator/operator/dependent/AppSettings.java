package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.DatabaseSpec;
import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.NetworkPolicySpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ParkingAppSpec;
import dev.parkingoperator.crd.ScraperSelector;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ParkingApp's spec with every default applied, as the builders read it. The API server applies
 * the CRD's defaults too, but the operator must not depend on it (the mock server does not).
 *
 * @param replicas {@code null} when the spec leaves the count to others
 * @param pullPolicy {@code null} for Kubernetes' own default
 * @param databaseSecret {@code null} for the embedded store
 */
public record AppSettings(
    String image,
    String pullPolicy,
    Integer replicas,
    int port,
    boolean metricsEnabled,
    int metricsPort,
    String metricsPath,
    String metricsScheme,
    ResourceRequirements resources,
    List<EnvVar> env,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations,
    String databaseSecret,
    boolean networkPolicyEnabled,
    List<NetworkPolicyPeer> apiFrom,
    LabelSelector scraperNamespaces,
    LabelSelector scraperPods,
    MetricsSpec.Monitor monitor,
    String monitorInterval,
    Map<String, String> monitorLabels) {

  /** Who may scrape when the spec does not say: Prometheus pods, in any namespace. */
  public static final Map<String, String> DEFAULT_SCRAPER_LABELS =
      Map.of("app.kubernetes.io/name", "prometheus");

  public static AppSettings of(ParkingApp app) {
    ParkingAppSpec spec = app.getSpec();
    MetricsSpec metrics = Optional.ofNullable(spec.getMetrics()).orElseGet(MetricsSpec::new);
    return new AppSettings(
        spec.getImage(),
        spec.getImagePullPolicy() == null ? null : spec.getImagePullPolicy().name(),
        spec.getReplicas(),
        Optional.ofNullable(spec.getPort()).orElse(ParkingAppSpec.DEFAULT_PORT),
        Optional.ofNullable(metrics.getEnabled()).orElse(true),
        Optional.ofNullable(metrics.getPort()).orElse(MetricsSpec.DEFAULT_PORT),
        Optional.ofNullable(metrics.getPath()).orElse(MetricsSpec.DEFAULT_PATH),
        metrics.getScheme() == null ? "http" : metrics.getScheme().name(),
        spec.getResources(),
        Optional.ofNullable(spec.getEnv()).orElse(List.of()),
        Optional.ofNullable(spec.getPodLabels()).orElse(Map.of()),
        Optional.ofNullable(spec.getPodAnnotations()).orElse(Map.of()),
        Optional.ofNullable(spec.getDatabase()).map(DatabaseSpec::getSecretName).orElse(null),
        Optional.ofNullable(spec.getNetworkPolicy())
            .map(NetworkPolicySpec::getEnabled)
            .orElse(true),
        Optional.ofNullable(spec.getNetworkPolicy())
            .map(NetworkPolicySpec::getApiFrom)
            .orElse(List.of()),
        Optional.ofNullable(metrics.getAllowFrom())
            .map(ScraperSelector::getNamespaceSelector)
            .orElseGet(LabelSelector::new),
        Optional.ofNullable(metrics.getAllowFrom())
            .map(ScraperSelector::getPodSelector)
            .orElseGet(
                () -> new LabelSelectorBuilder().withMatchLabels(DEFAULT_SCRAPER_LABELS).build()),
        Optional.ofNullable(metrics.getMonitor()).orElse(MetricsSpec.Monitor.auto),
        Optional.ofNullable(metrics.getInterval()).orElse("30s"),
        Optional.ofNullable(metrics.getMonitorLabels()).orElse(Map.of()));
  }

  /** The in-cluster address a scraper can use, through the Service's metrics port. */
  public static String metricsEndpoint(ParkingApp app, AppSettings settings) {
    return settings.metricsScheme()
        + "://"
        + Names.workloadName(app)
        + "."
        + app.getMetadata().getNamespace()
        + ".svc:"
        + settings.metricsPort()
        + settings.metricsPath();
  }
}
