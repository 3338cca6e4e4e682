package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The NetworkPolicy that finishes the origin's thought of a separate telemetry port: the API port
 * open as configured, the metrics port reachable only from the scrapers. Kubelet probes are not
 * subject to NetworkPolicy, so health checks on the telemetry port keep working.
 */
public final class DesiredNetworkPolicy {

  private DesiredNetworkPolicy() {}

  public static NetworkPolicy of(ParkingApp app, AppSettings settings) {
    List<NetworkPolicyIngressRule> rules = new ArrayList<>();
    rules.add(
        new NetworkPolicyIngressRuleBuilder()
            .withFrom(settings.apiFrom())
            .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(settings.port())).build())
            .build());
    if (settings.metricsEnabled()) {
      rules.add(
          new NetworkPolicyIngressRuleBuilder()
              .withFrom(
                  new NetworkPolicyPeerBuilder()
                      .withNamespaceSelector(settings.scraperNamespaces())
                      .withPodSelector(settings.scraperPods())
                      .build())
              .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(settings.metricsPort())).build())
              .build());
    }
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(Names.workloadName(app))
        .withNamespace(app.getMetadata().getNamespace())
        .withLabels(Names.labels(app))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(Names.selectorLabels(app))
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .withIngress(rules)
        .endSpec()
        .build();
  }
}
