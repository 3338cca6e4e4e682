package dev.parkingoperator.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.support.Apps;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

class DesiredServiceTest {

  @Test
  void exposesTheApiAndTheNamedMetricsPort() {
    ParkingApp app = Apps.app("ns", "shop");

    Service service = DesiredService.of(app, AppSettings.of(app));

    assertThat(service.getMetadata().getName()).isEqualTo("shop");
    assertThat(service.getSpec().getSelector()).isEqualTo(Names.selectorLabels(app));
    assertThat(service.getSpec().getPorts())
        .extracting(p -> p.getName() + "=" + p.getPort() + "->" + p.getTargetPort().getStrVal())
        .containsExactly("http=8080->http", "metrics=9568->metrics");
  }

  @Test
  void withoutMetricsOnlyTheApi() {
    ParkingApp app = Apps.app("ns", "shop");
    MetricsSpec metrics = new MetricsSpec();
    metrics.setEnabled(false);
    app.getSpec().setMetrics(metrics);

    assertThat(DesiredService.of(app, AppSettings.of(app)).getSpec().getPorts())
        .extracting(p -> p.getName())
        .containsExactly("http");
  }
}
