package dev.parkingoperator.e2e.standin;

import dev.parkingoperator.parking.support.ServiceProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the kubelet and the Deployment controller, as thinly as it can: for each replica a
 * Deployment wants, it starts the container's jar as a process with exactly the environment and
 * ports the pod template gives (each container port made free and unique, substituted wherever the
 * template names it), records the Pod in the API (labels, annotations, podIP 127.0.0.1, Running,
 * its ports), marks it ready when its readiness probe answers, and writes the Deployment's status.
 */
public final class KubeletStandIn implements AutoCloseable {

  /** A pod this stand-in runs. */
  public record RunningPod(
      String namespace,
      String name,
      String templateKey,
      JarProcess process,
      Map<Integer, Integer> ports) {}

  private final KubernetesClient client;
  private final Path workDir;
  private final Map<String, Path> jarsByImageName;
  private final Map<String, String> extraEnv;
  private final List<RunningPod> pods = new ArrayList<>();
  private final AtomicInteger podNumber = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param jarsByImageName which jar a container image runs, by the image's last path segment
   * @param extraEnv what every process also gets (the API server address, as a pod's service
   *     account would)
   */
  public KubeletStandIn(
      KubernetesClient client,
      Path workDir,
      Map<String, Path> jarsByImageName,
      Map<String, String> extraEnv) {
    this.client = client;
    this.workDir = workDir;
    this.jarsByImageName = jarsByImageName;
    this.extraEnv = extraEnv;
  }

  /** Brings the Deployment's pods in line with its spec and writes its status; call repeatedly. */
  public synchronized void sync(String namespace, String name) {
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (deployment == null) {
      return;
    }
    String templateKey =
        Integer.toHexString(
            Objects.hash(
                client.getKubernetesSerialization().asJson(deployment.getSpec().getTemplate())));
    int wanted = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    for (RunningPod pod : List.copyOf(podsOf(namespace, name))) {
      if (!pod.templateKey().equals(templateKey)) {
        stop(pod); // a rollout: the template changed
      }
    }
    while (podsOf(namespace, name).size() > wanted) {
      stop(podsOf(namespace, name).get(podsOf(namespace, name).size() - 1));
    }
    while (podsOf(namespace, name).size() < wanted) {
      start(
          namespace,
          name + "-" + templateKey.substring(0, 5) + "-" + podNumber.incrementAndGet(),
          name,
          deployment.getSpec().getTemplate(),
          templateKey);
    }
    int ready =
        (int) podsOf(namespace, name).stream().filter(this::markReadyIfProbeAnswers).count();
    var status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(wanted)
            .withUpdatedReplicas(wanted)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .build();
    if (!status.equals(deployment.getStatus())) {
      deployment.setStatus(status);
      client.resource(deployment).updateStatus();
    }
  }

  /**
   * Runs one pod of a template that no Deployment in the API owns (the operator's, from the chart).
   */
  public synchronized RunningPod start(
      String namespace,
      String podName,
      String owner,
      PodTemplateSpec template,
      String templateKey) {
    Container container = template.getSpec().getContainers().get(0);
    Map<Integer, Integer> ports = new HashMap<>();
    for (ContainerPort port : container.getPorts()) {
      ports.put(port.getContainerPort(), ServiceProcess.freePort());
    }
    for (String probePort : probePorts(container)) {
      ports.computeIfAbsent(Integer.parseInt(probePort), p -> ServiceProcess.freePort());
    }
    Path podDir = workDir.resolve(podName);
    Map<String, String> env = new LinkedHashMap<>(extraEnv);
    for (EnvVar variable : container.getEnv()) {
      env.put(variable.getName(), resolve(variable, namespace, podName, ports, container, podDir));
    }
    String imageName = container.getImage().replaceAll(".*/", "").replaceAll(":.*", "");
    Path jar =
        Objects.requireNonNull(
            jarsByImageName.get(imageName), "no jar for image " + container.getImage());
    try {
      Files.createDirectories(podDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JarProcess process = JarProcess.start(jar, env, workDir.resolve(podName + ".log"));
    RunningPod pod = new RunningPod(namespace, podName, templateKey, process, ports);
    client.resource(podObject(pod, owner, template, ports)).create();
    pods.add(pod);
    return pod;
  }

  private List<String> probePorts(Container container) {
    List<String> ports = new ArrayList<>();
    if (container.getReadinessProbe() != null
        && container.getReadinessProbe().getHttpGet() != null) {
      IntOrString port = container.getReadinessProbe().getHttpGet().getPort();
      if (port.getIntVal() != null) {
        ports.add(port.getIntVal().toString());
      }
    }
    return ports;
  }

  /**
   * What the kubelet would put in the variable: values (ports and mount paths substituted), field
   * and secret references.
   */
  private String resolve(
      EnvVar variable,
      String namespace,
      String podName,
      Map<Integer, Integer> ports,
      Container container,
      Path podDir) {
    if (variable.getValueFrom() == null) {
      String value = variable.getValue();
      if (value != null && value.matches("\\d+") && ports.containsKey(Integer.parseInt(value))) {
        return ports.get(Integer.parseInt(value)).toString();
      }
      boolean isMountPath =
          container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(value));
      return isMountPath ? podDir.resolve(value.substring(1)).toString() : value;
    }
    if (variable.getValueFrom().getFieldRef() != null) {
      return switch (variable.getValueFrom().getFieldRef().getFieldPath()) {
        case "metadata.name" -> podName;
        case "metadata.namespace" -> namespace;
        default ->
            throw new IllegalArgumentException(
                "field " + variable.getValueFrom().getFieldRef().getFieldPath());
      };
    }
    var ref = variable.getValueFrom().getSecretKeyRef();
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    String data = secret.getData() == null ? null : secret.getData().get(ref.getKey());
    return data != null
        ? new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8)
        : secret.getStringData().get(ref.getKey());
  }

  private Pod podObject(
      RunningPod pod, String owner, PodTemplateSpec template, Map<Integer, Integer> ports) {
    Map<String, String> annotations =
        new LinkedHashMap<>(
            Objects.requireNonNullElse(template.getMetadata().getAnnotations(), Map.of()));
    annotations.computeIfPresent(
        "prometheus.io/port",
        (key, port) ->
            ports.getOrDefault(Integer.parseInt(port), Integer.parseInt(port)).toString());
    Container container = template.getSpec().getContainers().get(0);
    List<ContainerPort> containerPorts =
        container.getPorts().stream()
            .map(
                p ->
                    new ContainerPortBuilder(p)
                        .withContainerPort(ports.get(p.getContainerPort()))
                        .build())
            .toList();
    return new PodBuilder()
        .withNewMetadata()
        .withName(pod.name())
        .withNamespace(pod.namespace())
        .withLabels(template.getMetadata().getLabels())
        .withAnnotations(annotations)
        .addToLabels("stand-in/owner", owner)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(container.getName())
        .withImage(container.getImage())
        .withPorts(containerPorts)
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP("127.0.0.1")
        .addNewCondition()
        .withType("Ready")
        .withStatus("False")
        .endCondition()
        .endStatus()
        .build();
  }

  /** Asks the readiness probe, as the kubelet would, and records the answer on the Pod. */
  private boolean markReadyIfProbeAnswers(RunningPod pod) {
    Pod live = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
    if (live == null) {
      return false;
    }
    boolean ready = probe(live, pod);
    String status = ready ? "True" : "False";
    if (!status.equals(live.getStatus().getConditions().get(0).getStatus())) {
      live.getStatus().getConditions().get(0).setStatus(status);
      client.resource(live).updateStatus();
    }
    return ready;
  }

  private boolean probe(Pod live, RunningPod pod) {
    Deployment deployment =
        client
            .apps()
            .deployments()
            .inNamespace(pod.namespace())
            .withName(live.getMetadata().getLabels().get("stand-in/owner"))
            .get();
    Container container =
        deployment == null
            ? null
            : deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    String path =
        container == null ? "/health/ready" : container.getReadinessProbe().getHttpGet().getPath();
    int port =
        container == null
            ? 0
            : pod.ports().get(container.getReadinessProbe().getHttpGet().getPort().getIntVal());
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(2))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public synchronized List<RunningPod> podsOf(String namespace, String owner) {
    return pods.stream()
        .filter(p -> p.namespace().equals(namespace) && p.name().startsWith(owner + "-"))
        .toList();
  }

  private void stop(RunningPod pod) {
    pod.process().close();
    client.pods().inNamespace(pod.namespace()).withName(pod.name()).delete();
    pods.remove(pod);
  }

  @Override
  public synchronized void close() {
    for (RunningPod pod : List.copyOf(pods)) {
      pod.process().close();
    }
    pods.clear();
  }
}
