package dev.parkingoperator.e2e.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stands in for Prometheus' Kubernetes service discovery (Debian's Prometheus is built without it):
 * an http_sd_configs endpoint listing the API's Pods, one target per container port, with the
 * {@code __meta_kubernetes_pod_*} labels that {@code kubernetes_sd_configs: [{role: pod}]} sets.
 */
public final class PodDiscoveryEndpoint implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;

  private PodDiscoveryEndpoint(HttpServer server) {
    this.server = server;
  }

  public static PodDiscoveryEndpoint start(KubernetesClient client) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/targets",
          exchange -> {
            byte[] body =
                JSON.writeValueAsBytes(targets(client.pods().inAnyNamespace().list().getItems()));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return new PodDiscoveryEndpoint(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/targets";
  }

  static List<Map<String, Object>> targets(List<Pod> pods) {
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Pod pod : pods) {
      for (Container container : pod.getSpec().getContainers()) {
        for (ContainerPort port : container.getPorts()) {
          Map<String, String> labels = podLabels(pod);
          labels.put("__meta_kubernetes_pod_container_name", container.getName());
          labels.put(
              "__meta_kubernetes_pod_container_port_name",
              Objects.requireNonNullElse(port.getName(), ""));
          labels.put(
              "__meta_kubernetes_pod_container_port_number", port.getContainerPort().toString());
          labels.put(
              "__meta_kubernetes_pod_container_port_protocol",
              Objects.requireNonNullElse(port.getProtocol(), "TCP"));
          groups.add(
              Map.of(
                  "targets",
                  List.of(pod.getStatus().getPodIP() + ":" + port.getContainerPort()),
                  "labels",
                  labels));
        }
      }
    }
    return groups;
  }

  private static Map<String, String> podLabels(Pod pod) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("__meta_kubernetes_namespace", pod.getMetadata().getNamespace());
    labels.put("__meta_kubernetes_pod_name", pod.getMetadata().getName());
    labels.put("__meta_kubernetes_pod_ip", pod.getStatus().getPodIP());
    labels.put("__meta_kubernetes_pod_phase", pod.getStatus().getPhase());
    boolean ready =
        pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    labels.put("__meta_kubernetes_pod_ready", Boolean.toString(ready));
    Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.<String, String>of())
        .forEach(
            (key, value) -> {
              labels.put("__meta_kubernetes_pod_label_" + sanitize(key), value);
              labels.put("__meta_kubernetes_pod_labelpresent_" + sanitize(key), "true");
            });
    Objects.requireNonNullElse(pod.getMetadata().getAnnotations(), Map.<String, String>of())
        .forEach(
            (key, value) -> {
              labels.put("__meta_kubernetes_pod_annotation_" + sanitize(key), value);
              labels.put("__meta_kubernetes_pod_annotationpresent_" + sanitize(key), "true");
            });
    return labels;
  }

  /** Prometheus' rule for label names made from Kubernetes keys. */
  static String sanitize(String key) {
    return key.replaceAll("[^a-zA-Z0-9_]", "_");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
