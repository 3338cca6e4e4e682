package dev.parkingoperator.e2e.standin;

import dev.parkingoperator.operator.support.controlplane.FakeKubelet;
import dev.parkingoperator.parking.support.ServiceProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stands in for the scheduler and the kubelet, as thinly as it can, beside the real Deployment and
 * ReplicaSet controllers: for each Pod they create it binds the Pod to a node, starts the
 * container's jar as a process with exactly the environment and ports the pod template gives (each
 * container port made free and unique, substituted wherever the template names it; the
 * prometheus.io/port annotation pointed at the port the process really listens on), reports the Pod
 * running at 127.0.0.1 and ready when its readiness probe answers, and stops the process when the
 * Pod goes.
 */
public final class KubeletStandIn implements AutoCloseable {

  private static final String NODE = "stand-in-node";

  /** A pod this stand-in runs. */
  public record RunningPod(
      String namespace,
      String name,
      String owner,
      JarProcess process,
      Map<Integer, Integer> ports) {}

  private final KubernetesClient client;
  private final Path workDir;
  private final Map<String, Path> jarsByImageName;
  private final Map<String, String> extraEnv;
  private final List<RunningPod> pods = new ArrayList<>();
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

  /** Runs the processes of the Deployment's pods and reports them; call repeatedly. */
  public synchronized void sync(String namespace, String name) {
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (deployment == null) {
      return;
    }
    List<Pod> live =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(deployment.getSpec().getSelector().getMatchLabels())
            .list()
            .getItems();
    for (RunningPod pod : List.copyOf(podsOf(namespace, name))) {
      boolean gone =
          live.stream()
              .noneMatch(
                  p ->
                      p.getMetadata().getName().equals(pod.name())
                          && p.getMetadata().getDeletionTimestamp() == null);
      if (gone) {
        stop(pod);
      }
    }
    for (Pod pod : live) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue; // stopped above; its deletion confirmed
      }
      RunningPod running =
          pods.stream()
              .filter(p -> p.name().equals(pod.getMetadata().getName()))
              .findFirst()
              .orElseGet(() -> run(pod, name));
      markReadyIfProbeAnswers(running, deployment.getSpec().getTemplate());
    }
  }

  /** Binds a Pod the controllers made, starts its process and points its scrape port at it. */
  private RunningPod run(Pod pod, String owner) {
    String namespace = pod.getMetadata().getNamespace();
    String podName = pod.getMetadata().getName();
    if (pod.getSpec().getNodeName() == null) {
      FakeKubelet.bindToNode(client, pod, NODE);
    }
    PodTemplateSpec template =
        new PodTemplateSpecBuilder()
            .withMetadata(pod.getMetadata())
            .withSpec(pod.getSpec())
            .build();
    RunningPod running = launch(namespace, podName, owner, template);
    client
        .pods()
        .inNamespace(namespace)
        .withName(podName)
        .edit(p -> withScrapePort(p, running.ports()));
    return running;
  }

  /**
   * Runs one pod of a template that no Deployment in the API owns (the operator's, from the chart):
   * the Pod is recorded in the API, on the node, and reported running.
   */
  public synchronized RunningPod start(
      String namespace, String podName, String owner, PodTemplateSpec template) {
    RunningPod running = launch(namespace, podName, owner, template);
    client.resource(podObject(running, owner, template)).create();
    markReadyIfProbeAnswers(running, template);
    return running;
  }

  /** Starts the container's jar with the environment the template gives, on free ports. */
  private RunningPod launch(
      String namespace, String podName, String owner, PodTemplateSpec template) {
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
    RunningPod pod = new RunningPod(namespace, podName, owner, process, ports);
    pods.add(pod);
    return pod;
  }

  /** The scrape annotation names the port the process really listens on. */
  private static Pod withScrapePort(Pod pod, Map<Integer, Integer> ports) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations != null) {
      annotations.computeIfPresent(
          "prometheus.io/port",
          (key, port) ->
              ports.getOrDefault(Integer.parseInt(port), Integer.parseInt(port)).toString());
    }
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

  private Pod podObject(RunningPod pod, String owner, PodTemplateSpec template) {
    Container container = template.getSpec().getContainers().get(0);
    Pod object =
        new PodBuilder()
            .withNewMetadata()
            .withName(pod.name())
            .withNamespace(pod.namespace())
            .withLabels(template.getMetadata().getLabels())
            .withAnnotations(
                new LinkedHashMap<>(
                    Objects.requireNonNullElse(template.getMetadata().getAnnotations(), Map.of())))
            .addToLabels("stand-in/owner", owner)
            .endMetadata()
            .withNewSpec()
            .withNodeName(NODE)
            .addNewContainer()
            .withName(container.getName())
            .withImage(container.getImage())
            .withPorts(container.getPorts())
            .endContainer()
            .endSpec()
            .build();
    return withScrapePort(object, pod.ports());
  }

  /** Asks the readiness probe, as the kubelet would, and records the answer on the Pod. */
  private boolean markReadyIfProbeAnswers(RunningPod pod, PodTemplateSpec template) {
    Pod live = client.pods().inNamespace(pod.namespace()).withName(pod.name()).get();
    if (live == null) {
      return false;
    }
    boolean ready = probe(pod, template.getSpec().getContainers().get(0));
    String status = ready ? "True" : "False";
    boolean reported =
        live.getStatus() != null
            && "127.0.0.1".equals(live.getStatus().getPodIP())
            && live.getStatus().getConditions() != null
            && live.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && status.equals(c.getStatus()));
    if (!reported) {
      String now = Instant.now().toString();
      live.setStatus(
          new PodStatusBuilder()
              .withPhase("Running")
              .withHostIP("127.0.0.1")
              .withPodIP("127.0.0.1")
              .withStartTime(now)
              .addNewCondition()
              .withType("PodScheduled")
              .withStatus("True")
              .withLastTransitionTime(now)
              .endCondition()
              .addNewCondition()
              .withType("ContainersReady")
              .withStatus(status)
              .withLastTransitionTime(now)
              .endCondition()
              .addNewCondition()
              .withType("Ready")
              .withStatus(status)
              .withLastTransitionTime(now)
              .endCondition()
              .build());
      client.pods().inNamespace(pod.namespace()).resource(live).updateStatus();
    }
    return ready;
  }

  private boolean probe(RunningPod pod, Container container) {
    String path = container.getReadinessProbe().getHttpGet().getPath();
    IntOrString probePort = container.getReadinessProbe().getHttpGet().getPort();
    int containerPort =
        probePort.getIntVal() != null
            ? probePort.getIntVal()
            : container.getPorts().stream()
                .filter(p -> probePort.getStrVal().equals(p.getName()))
                .findFirst()
                .orElseThrow()
                .getContainerPort();
    int port = pod.ports().get(containerPort);
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
        .filter(p -> p.namespace().equals(namespace) && p.owner().equals(owner))
        .toList();
  }

  /** Stops the process and confirms the Pod's deletion, as a kubelet does once it stopped. */
  private void stop(RunningPod pod) {
    pod.process().close();
    client.pods().inNamespace(pod.namespace()).withName(pod.name()).withGracePeriod(0).delete();
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
