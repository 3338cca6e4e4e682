package dev.parkingoperator.operator.model;

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
 * the CRD's defaults too, but the operator must not depend on it (the mock server does not); the
 * defaults themselves are the CRD model's constants, so the schema and this class cannot disagree.
 *
 * @param replicas empty when the spec leaves the count to others (an autoscaler)
 * @param pullPolicy empty for Kubernetes' own default
 */
public record AppSettings(
    String image,
    Optional<String> pullPolicy,
    Optional<Integer> replicas,
    int port,
    ResourceRequirements resources,
    List<EnvVar> env,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations,
    Metrics metrics,
    Network network,
    Monitor monitor,
    Storage storage) {

  /** The telemetry endpoint: {@code enabled} false means no scrape annotations, no metrics port. */
  public record Metrics(boolean enabled, int port, String path, String scheme) {}

  /**
   * The NetworkPolicy: who may reach the API port, and which pods (in which namespaces) may scrape.
   */
  public record Network(
      boolean enabled,
      List<NetworkPolicyPeer> apiFrom,
      LabelSelector scraperNamespaces,
      LabelSelector scraperPods) {}

  /** The Prometheus Operator PodMonitor: when one is made, its interval and extra labels. */
  public record Monitor(MetricsSpec.Monitor mode, String interval, Map<String, String> labels) {}

  /**
   * Where the service keeps its data.
   *
   * @param databaseSecret empty for the embedded store
   */
  public record Storage(Optional<String> databaseSecret) {}

  /** Who may scrape when the spec does not say: Prometheus pods, in any namespace. */
  public static final Map<String, String> DEFAULT_SCRAPER_LABELS =
      Map.of(Names.NAME_LABEL, "prometheus");

  public static AppSettings of(ParkingApp app) {
    ParkingAppSpec spec = app.getSpec();
    return new AppSettings(
        spec.getImage(),
        Optional.ofNullable(spec.getImagePullPolicy()).map(Enum::name),
        Optional.ofNullable(spec.getReplicas()),
        Optional.ofNullable(spec.getPort()).orElse(ParkingAppSpec.DEFAULT_PORT),
        spec.getResources(),
        Optional.ofNullable(spec.getEnv()).orElse(List.of()),
        Optional.ofNullable(spec.getPodLabels()).orElse(Map.of()),
        Optional.ofNullable(spec.getPodAnnotations()).orElse(Map.of()),
        metrics(metricsSpec(spec)),
        network(spec.getNetworkPolicy(), metricsSpec(spec).getAllowFrom()),
        monitor(metricsSpec(spec)),
        new Storage(databaseSecret(app)));
  }

  /** spec.database.secretName, if the app names one; also for apps not yet validated. */
  public static Optional<String> databaseSecret(ParkingApp app) {
    return Optional.ofNullable(app.getSpec())
        .map(ParkingAppSpec::getDatabase)
        .map(DatabaseSpec::getSecretName);
  }

  private static MetricsSpec metricsSpec(ParkingAppSpec spec) {
    return Optional.ofNullable(spec.getMetrics()).orElseGet(MetricsSpec::new);
  }

  private static Metrics metrics(MetricsSpec metrics) {
    return new Metrics(
        Optional.ofNullable(metrics.getEnabled()).orElse(MetricsSpec.DEFAULT_ENABLED),
        Optional.ofNullable(metrics.getPort()).orElse(MetricsSpec.DEFAULT_PORT),
        Optional.ofNullable(metrics.getPath()).orElse(MetricsSpec.DEFAULT_PATH),
        Optional.ofNullable(metrics.getScheme()).orElse(MetricsSpec.DEFAULT_SCHEME).name());
  }

  private static Network network(NetworkPolicySpec policy, ScraperSelector allowFrom) {
    Optional<NetworkPolicySpec> spec = Optional.ofNullable(policy);
    Optional<ScraperSelector> scrapers = Optional.ofNullable(allowFrom);
    return new Network(
        spec.map(NetworkPolicySpec::getEnabled).orElse(NetworkPolicySpec.DEFAULT_ENABLED),
        spec.map(NetworkPolicySpec::getApiFrom).orElse(List.of()),
        scrapers.map(ScraperSelector::getNamespaceSelector).orElseGet(LabelSelector::new),
        scrapers
            .map(ScraperSelector::getPodSelector)
            .orElseGet(
                () -> new LabelSelectorBuilder().withMatchLabels(DEFAULT_SCRAPER_LABELS).build()));
  }

  private static Monitor monitor(MetricsSpec metrics) {
    return new Monitor(
        Optional.ofNullable(metrics.getMonitor()).orElse(MetricsSpec.DEFAULT_MONITOR),
        Optional.ofNullable(metrics.getInterval()).orElse(MetricsSpec.DEFAULT_INTERVAL),
        Optional.ofNullable(metrics.getMonitorLabels()).orElse(Map.of()));
  }

  /** The in-cluster address a scraper can use, through the Service's metrics port. */
  public String metricsEndpoint(ParkingApp app) {
    return metrics.scheme()
        + "://"
        + Names.workloadName(app)
        + "."
        + app.getMetadata().getNamespace()
        + ".svc:"
        + metrics.port()
        + metrics.path();
  }
}
