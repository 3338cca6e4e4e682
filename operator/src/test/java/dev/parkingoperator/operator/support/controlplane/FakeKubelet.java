package dev.parkingoperator.operator.support.controlplane;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays scheduler and kubelet for the pods the real ReplicaSet controller creates in one namespace:
 * binds each to a node and reports it running and ready, through the API as a kubelet would, so the
 * Deployment controller counts ready replicas. Nothing runs in the pods.
 */
public final class FakeKubelet implements AutoCloseable {

  private static final String NODE = "fake-node";

  private final KubernetesClient client;
  private final String namespace;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "fake-kubelet");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger addresses = new AtomicInteger(10);
  private final String fixedAddress;

  private FakeKubelet(KubernetesClient client, String namespace, String fixedAddress) {
    this.client = client;
    this.namespace = namespace;
    this.fixedAddress = fixedAddress;
  }

  /** Starts looking after the pods of {@code namespace} every 200 ms; each gets its own IP. */
  public static FakeKubelet start(KubernetesClient admin, String namespace) {
    return start(admin, namespace, null);
  }

  /**
   * As {@link #start(KubernetesClient, String)}, every pod reporting {@code address} as its IP (a
   * process on this machine that plays the pod, say).
   */
  public static FakeKubelet start(KubernetesClient admin, String namespace, String address) {
    if (admin.nodes().withName(NODE).get() == null) {
      admin
          .nodes()
          .resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build())
          .create();
    }
    FakeKubelet kubelet = new FakeKubelet(admin, namespace, address);
    kubelet.loop.scheduleWithFixedDelay(kubelet::tend, 0, 200, TimeUnit.MILLISECONDS);
    return kubelet;
  }

  private void tend() {
    try {
      for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
          // Its containers stopped: a kubelet confirms the deletion, which the API server waits
          // for.
          client.pods().inNamespace(namespace).resource(pod).withGracePeriod(0).delete();
          continue;
        }
        if (pod.getSpec().getNodeName() == null) {
          bind(pod);
        } else if (!isReady(pod)) {
          markReady(pod);
        }
      }
    } catch (KubernetesClientException e) {
      // A pod deleted or changed in between: the next round sees it as it is.
    }
  }

  private void bind(Pod pod) {
    bindToNode(client, pod, NODE);
  }

  /** Schedules {@code pod} onto {@code node} as the scheduler does: a Binding through the API. */
  public static void bindToNode(KubernetesClient client, Pod pod, String node) {
    client
        .bindings()
        .inNamespace(pod.getMetadata().getNamespace())
        .resource(
            new BindingBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName())
                .endMetadata()
                .withNewTarget()
                .withKind("Node")
                .withName(node)
                .endTarget()
                .build())
        .create();
  }

  private void markReady(Pod pod) {
    String now = Instant.now().toString();
    PodStatus status =
        new PodStatusBuilder()
            .withPhase("Running")
            .withHostIP("10.0.0.1")
            .withPodIP(
                fixedAddress != null ? fixedAddress : "10.1.0." + addresses.incrementAndGet())
            .withStartTime(now)
            .addToConditions(condition("PodScheduled", now))
            .addToConditions(condition("Initialized", now))
            .addToConditions(condition("ContainersReady", now))
            .addToConditions(condition("Ready", now))
            .withContainerStatuses(
                pod.getSpec().getContainers().stream()
                    .map(
                        container ->
                            new ContainerStatusBuilder()
                                .withName(container.getName())
                                .withImage(container.getImage())
                                .withImageID("fake://" + container.getImage())
                                .withReady(true)
                                .withStarted(true)
                                .withRestartCount(0)
                                .withNewState()
                                .withNewRunning()
                                .withStartedAt(now)
                                .endRunning()
                                .endState()
                                .build())
                    .toList())
            .build();
    pod.setStatus(status);
    client.pods().inNamespace(namespace).resource(pod).updateStatus();
  }

  private static PodCondition condition(String type, String now) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withLastTransitionTime(now)
        .build();
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
