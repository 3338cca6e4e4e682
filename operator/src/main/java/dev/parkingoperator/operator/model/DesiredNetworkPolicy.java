package dev.parkingoperator.operator.model;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NetworkPolicy that finishes the origin's thought of a separate telemetry port: the API port
 * open as configured, the metrics port reachable only from the scrapers. Kubelet probes are not
 * subject to NetworkPolicy, so health checks on the telemetry port keep working.
 */
public final class DesiredNetworkPolicy {

  private DesiredNetworkPolicy() {}

  /**
   * @param operator the operator's own pods, allowed to the metrics port for its scrape check
   */
  public static NetworkPolicy of(
      ParkingApp app, AppSettings settings, Optional<NetworkPolicyPeer> operator) {
    List<NetworkPolicyIngressRule> rules = new ArrayList<>();
    rules.add(
        new NetworkPolicyIngressRuleBuilder()
            .withFrom(settings.network().apiFrom())
            .withPorts(
                new NetworkPolicyPortBuilder()
                    .withProtocol("TCP")
                    .withPort(new IntOrString(settings.port()))
                    .build())
            .build());
    if (settings.metrics().enabled()) {
      rules.add(
          new NetworkPolicyIngressRuleBuilder()
              .withFrom(scrapers(settings, operator))
              .withPorts(
                  new NetworkPolicyPortBuilder()
                      .withProtocol("TCP")
                      .withPort(new IntOrString(settings.metrics().port()))
                      .build())
              .build());
    }
    return policy(app, rules);
  }

  private static List<NetworkPolicyPeer> scrapers(
      AppSettings settings, Optional<NetworkPolicyPeer> operator) {
    List<NetworkPolicyPeer> peers = new ArrayList<>();
    peers.add(
        new NetworkPolicyPeerBuilder()
            .withNamespaceSelector(settings.network().scraperNamespaces())
            .withPodSelector(settings.network().scraperPods())
            .build());
    operator.ifPresent(peers::add);
    return peers;
  }

  /** The operator's pods: in its namespace when known, else in any namespace. */
  public static NetworkPolicyPeer operatorPeer(Optional<String> operatorNamespace) {
    NetworkPolicyPeerBuilder peer =
        new NetworkPolicyPeerBuilder()
            .withNewPodSelector()
            .withMatchLabels(Map.of(Names.NAME_LABEL, Names.OPERATOR_NAME))
            .endPodSelector();
    Map<String, String> namespaceLabels =
        operatorNamespace
            .map(namespace -> Map.of("kubernetes.io/metadata.name", namespace))
            .orElse(null);
    return peer.withNewNamespaceSelector()
        .withMatchLabels(namespaceLabels)
        .endNamespaceSelector()
        .build();
  }

  private static NetworkPolicy policy(ParkingApp app, List<NetworkPolicyIngressRule> rules) {
    return new NetworkPolicyBuilder()
        .withMetadata(Names.metadata(app))
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
