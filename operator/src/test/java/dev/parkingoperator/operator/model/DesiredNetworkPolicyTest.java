package dev.parkingoperator.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.NetworkPolicySpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ScraperSelector;
import dev.parkingoperator.operator.support.Apps;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesiredNetworkPolicyTest {

  private static NetworkPolicy policy(ParkingApp app) {
    return DesiredNetworkPolicy.of(app, AppSettings.of(app), Optional.empty());
  }

  @Test
  void opensTheApiToAllAndTheMetricsPortToPrometheusPodsByDefault() {
    NetworkPolicy policy = policy(Apps.app("ns", "shop"));

    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getIngress())
        .extracting(r -> r.getPorts().get(0).getPort().getIntVal())
        .containsExactly(8080, 9568);
    assertThat(policy.getSpec().getIngress().get(0).getFrom()).isEmpty();
    assertThat(
            policy.getSpec().getIngress().get(1).getFrom().get(0).getPodSelector().getMatchLabels())
        .isEqualTo(AppSettings.DEFAULT_SCRAPER_LABELS);
  }

  @Test
  void followsTheSpecsSelectors() {
    ParkingApp app = Apps.app("ns", "shop");
    MetricsSpec metrics = new MetricsSpec();
    ScraperSelector scrapers = new ScraperSelector();
    scrapers.setNamespaceSelector(
        new LabelSelectorBuilder()
            .withMatchLabels(Map.of("kubernetes.io/metadata.name", "monitoring"))
            .build());
    scrapers.setPodSelector(
        new LabelSelectorBuilder().withMatchLabels(Map.of("app", "vmagent")).build());
    metrics.setAllowFrom(scrapers);
    app.getSpec().setMetrics(metrics);
    NetworkPolicySpec networkPolicy = new NetworkPolicySpec();
    networkPolicy.setApiFrom(
        List.of(
            new NetworkPolicyPeerBuilder()
                .withNewPodSelector()
                .withMatchLabels(Map.of("role", "gateway"))
                .endPodSelector()
                .build()));
    app.getSpec().setNetworkPolicy(networkPolicy);

    NetworkPolicy policy = policy(app);

    assertThat(
            policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
        .containsEntry("role", "gateway");
    var scraper = policy.getSpec().getIngress().get(1).getFrom().get(0);
    assertThat(scraper.getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "monitoring");
    assertThat(scraper.getPodSelector().getMatchLabels()).containsEntry("app", "vmagent");
  }

  @Test
  void withoutMetricsTheMetricsPortIsClosedToEveryPod() {
    ParkingApp app = Apps.app("ns", "shop");
    MetricsSpec metrics = new MetricsSpec();
    metrics.setEnabled(false);
    app.getSpec().setMetrics(metrics);

    assertThat(policy(app).getSpec().getIngress()).hasSize(1);
  }

  @Test
  void letsTheOperatorsScrapeCheckThroughFromItsNamespace() {
    ParkingApp app = Apps.app("ns", "shop");

    NetworkPolicy policy =
        DesiredNetworkPolicy.of(
            app,
            AppSettings.of(app),
            Optional.of(DesiredNetworkPolicy.operatorPeer(Optional.of("parking-system"))));

    var operator = policy.getSpec().getIngress().get(1).getFrom().get(1);
    assertThat(operator.getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "parking-system");
    assertThat(operator.getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "parking-operator");
  }
}
