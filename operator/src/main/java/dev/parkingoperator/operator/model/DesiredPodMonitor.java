package dev.parkingoperator.operator.model;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Prometheus Operator PodMonitor that selects exactly this app's pods and metrics port. */
public final class DesiredPodMonitor {

  public static final String CRD_NAME = "podmonitors.monitoring.coreos.com";
  public static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup("monitoring.coreos.com")
          .withVersion("v1")
          .withKind("PodMonitor")
          .withPlural("podmonitors")
          .withNamespaced(true)
          .build();

  private DesiredPodMonitor() {}

  public static GenericKubernetesResource of(ParkingApp app, AppSettings settings) {
    Map<String, String> labels = new LinkedHashMap<>(new TreeMap<>(settings.monitor().labels()));
    labels.putAll(Names.labels(app));
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", Names.METRICS_PORT_NAME);
    endpoint.put("path", settings.metrics().path());
    endpoint.put("scheme", settings.metrics().scheme());
    endpoint.put("interval", settings.monitor().interval());
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("monitoring.coreos.com/v1")
        .withKind("PodMonitor")
        .withNewMetadata()
        .withName(Names.workloadName(app))
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(ControllerReference.to(app))
        .endMetadata()
        .addToAdditionalProperties(
            "spec",
            Map.of(
                "selector", Map.of("matchLabels", Names.selectorLabels(app)),
                "podMetricsEndpoints", List.of(endpoint)))
        .build();
  }
}
