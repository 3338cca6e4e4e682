package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
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

  private DesiredDeployment() {}

  /**
   * @param currentReplicas the live Deployment's count, kept when the spec leaves replicas unset
   *     (so an autoscaler's choice survives); {@code null} when there is no Deployment yet
   */
  public static Deployment of(ParkingApp app, AppSettings settings, Integer currentReplicas) {
    Integer replicas =
        settings.replicas() != null
            ? settings.replicas()
            : currentReplicas != null ? currentReplicas : 1;
    return new DeploymentBuilder()
        .withMetadata(Names.metadata(app))
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Names.selectorLabels(app))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels(app, settings))
        .withAnnotations(podAnnotations(settings))
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser((long) RUN_AS_USER)
        .withRunAsGroup((long) RUN_AS_USER)
        .withFsGroup((long) RUN_AS_USER)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(Names.CONTAINER)
        .withImage(settings.image())
        .withImagePullPolicy(settings.pullPolicy())
        .withPorts(ports(settings))
        .withEnv(env(app, settings))
        .withResources(settings.resources())
        .withReadinessProbe(probe(settings, "/health/ready", 5, 3))
        .withLivenessProbe(probe(settings, "/health/live", 10, 3))
        .withStartupProbe(probe(settings, "/health/live", 2, 30))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withCapabilities(new Capabilities(null, List.of("ALL")))
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("data")
        .withMountPath(DATA_DIR)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("data")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
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
    if (settings.metricsEnabled()) {
      annotations.put("prometheus.io/scrape", "true");
      annotations.put("prometheus.io/port", Integer.toString(settings.metricsPort()));
      annotations.put("prometheus.io/path", settings.metricsPath());
      annotations.put("prometheus.io/scheme", settings.metricsScheme());
    }
    return annotations;
  }

  private static List<ContainerPort> ports(AppSettings settings) {
    List<ContainerPort> ports = new ArrayList<>();
    ports.add(port(Names.HTTP_PORT_NAME, settings.port()));
    if (settings.metricsEnabled()) {
      ports.add(port(Names.METRICS_PORT_NAME, settings.metricsPort()));
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
    List<EnvVar> env = new ArrayList<>();
    env.add(value("PORT", Integer.toString(settings.port())));
    env.add(value("METRICS_PORT", Integer.toString(settings.metricsPort())));
    env.add(value("METRICS_PATH", settings.metricsPath()));
    env.add(value("METRICS_ENABLED", Boolean.toString(settings.metricsEnabled())));
    env.add(value("SHUTDOWN_GRACE_SECONDS", Integer.toString(SHUTDOWN_GRACE_SECONDS)));
    env.add(value("PARKING_DATA_DIR", DATA_DIR));
    env.add(fieldRef("POD_NAME", "metadata.name"));
    env.add(fieldRef("POD_NAMESPACE", "metadata.namespace"));
    if (settings.databaseSecret() != null) {
      env.add(secretRef("PARKING_DB_URL", settings.databaseSecret(), "url"));
      env.add(secretRef("PARKING_DB_USERNAME", settings.databaseSecret(), "username"));
      env.add(secretRef("PARKING_DB_PASSWORD", settings.databaseSecret(), "password"));
    }
    env.addAll(settings.env());
    return env;
  }

  /** Probes go to the telemetry port by number: it serves health even with metrics disabled. */
  private static Probe probe(
      AppSettings settings, String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(settings.metricsPort()))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .withTimeoutSeconds(2)
        .build();
  }

  private static EnvVar value(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar fieldRef(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
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
