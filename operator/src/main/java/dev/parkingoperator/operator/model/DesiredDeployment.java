package dev.parkingoperator.operator.model;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Deployment a ParkingApp wants: pods that carry the Prometheus scrape annotations and a port
 * named {@code metrics}, run non-root on a read-only root filesystem, and drain before they stop.
 * Pure: the same input always gives the same object.
 */
public final class DesiredDeployment {

  public static final String DATA_DIR = "/data";
  public static final int SHUTDOWN_GRACE_SECONDS = 20;

  /** Covers the service's drain plus the JVM's exit. */
  public static final long TERMINATION_GRACE_SECONDS = SHUTDOWN_GRACE_SECONDS + 10L;

  public static final int RUN_AS_USER = 10001;

  private static final String DATA_VOLUME = "data";
  private static final String TMP_VOLUME = "tmp";

  private DesiredDeployment() {}

  /**
   * Without replicas in the spec the count is left out, so whoever sets it (an autoscaler, kubectl
   * scale) owns it; the API server starts a new Deployment with one.
   */
  public static Deployment of(ParkingApp app, AppSettings settings) {
    return new DeploymentBuilder()
        .withMetadata(Names.metadata(app))
        .withNewSpec()
        .withReplicas(settings.replicas().orElse(null))
        .withNewSelector()
        .withMatchLabels(Names.selectorLabels(app))
        .endSelector()
        .withTemplate(podTemplate(app, settings))
        .endSpec()
        .build();
  }

  private static PodTemplateSpec podTemplate(ParkingApp app, AppSettings settings) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(podLabels(app, settings))
        .withAnnotations(podAnnotations(settings))
        .endMetadata()
        .withSpec(podSpec(app, settings))
        .build();
  }

  private static PodSpec podSpec(ParkingApp app, AppSettings settings) {
    return new PodSpecBuilder()
        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
        .withSecurityContext(podSecurityContext())
        .withContainers(container(app, settings))
        .withVolumes(emptyDir(DATA_VOLUME), emptyDir(TMP_VOLUME))
        .build();
  }

  private static PodSecurityContext podSecurityContext() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser((long) RUN_AS_USER)
        .withRunAsGroup((long) RUN_AS_USER)
        .withFsGroup((long) RUN_AS_USER)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static Container container(ParkingApp app, AppSettings settings) {
    return new ContainerBuilder()
        .withName(Names.CONTAINER)
        .withImage(settings.image())
        .withImagePullPolicy(settings.pullPolicy().orElse(null))
        .withPorts(ports(settings))
        .withEnv(env(app, settings))
        .withResources(settings.resources())
        .withReadinessProbe(probe(settings, "/health/ready", 5, 3))
        .withLivenessProbe(probe(settings, "/health/live", 10, 3))
        .withStartupProbe(probe(settings, "/health/live", 2, 30))
        .withSecurityContext(containerSecurityContext())
        .withVolumeMounts(mount(DATA_VOLUME, DATA_DIR), mount(TMP_VOLUME, "/tmp"))
        .build();
  }

  private static SecurityContext containerSecurityContext() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withCapabilities(new Capabilities(null, List.of("ALL")))
        .build();
  }

  /** The user's labels first, then ours, so ours win (the validator refuses clashes anyway). */
  static Map<String, String> podLabels(ParkingApp app, AppSettings settings) {
    Map<String, String> labels = new LinkedHashMap<>(new TreeMap<>(settings.podLabels()));
    labels.putAll(Names.labels(app));
    return labels;
  }

  static Map<String, String> podAnnotations(AppSettings settings) {
    Map<String, String> annotations = new LinkedHashMap<>(new TreeMap<>(settings.podAnnotations()));
    AppSettings.Metrics metrics = settings.metrics();
    if (metrics.enabled()) {
      annotations.put("prometheus.io/scrape", "true");
      annotations.put("prometheus.io/port", Integer.toString(metrics.port()));
      annotations.put("prometheus.io/path", metrics.path());
      annotations.put("prometheus.io/scheme", metrics.scheme());
    }
    return annotations;
  }

  private static List<ContainerPort> ports(AppSettings settings) {
    List<ContainerPort> ports = new ArrayList<>();
    ports.add(port(Names.HTTP_PORT_NAME, settings.port()));
    if (settings.metrics().enabled()) {
      ports.add(port(Names.METRICS_PORT_NAME, settings.metrics().port()));
    }
    return ports;
  }

  private static ContainerPort port(String name, int number) {
    return new ContainerPortBuilder()
        .withName(name)
        .withContainerPort(number)
        .withProtocol("TCP")
        .build();
  }

  private static List<EnvVar> env(ParkingApp app, AppSettings settings) {
    AppSettings.Metrics metrics = settings.metrics();
    List<EnvVar> env = new ArrayList<>();
    env.add(value("PORT", Integer.toString(settings.port())));
    env.add(value("METRICS_PORT", Integer.toString(metrics.port())));
    env.add(value("METRICS_PATH", metrics.path()));
    env.add(value("METRICS_ENABLED", Boolean.toString(metrics.enabled())));
    env.add(value("SHUTDOWN_GRACE_SECONDS", Integer.toString(SHUTDOWN_GRACE_SECONDS)));
    env.add(value("PARKING_DATA_DIR", DATA_DIR));
    env.add(fieldRef("POD_NAME", "metadata.name"));
    env.add(fieldRef("POD_NAMESPACE", "metadata.namespace"));
    settings
        .storage()
        .databaseSecret()
        .ifPresent(
            secret -> {
              env.add(secretRef("PARKING_DB_URL", secret, "url"));
              env.add(secretRef("PARKING_DB_USERNAME", secret, "username"));
              env.add(secretRef("PARKING_DB_PASSWORD", secret, "password"));
            });
    env.addAll(settings.env());
    return env;
  }

  /** Probes go to the telemetry port by number: it serves health even with metrics disabled. */
  private static Probe probe(
      AppSettings settings, String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(settings.metrics().port()))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .withTimeoutSeconds(2)
        .build();
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  private static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
  }

  private static EnvVar value(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar fieldRef(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        // The API server's default, written out so the applied intent equals what it stores.
        .withApiVersion("v1")
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private static EnvVar secretRef(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
