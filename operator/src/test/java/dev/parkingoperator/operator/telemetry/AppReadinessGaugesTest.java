package dev.parkingoperator.operator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppReadinessGaugesTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AppReadinessGauges gauges = new AppReadinessGauges(registry);

  @Test
  void followsReadinessAndForgetsDeletedApps() {
    gauges.readiness("shop", "a", false);
    gauges.readiness("shop", "b", true);
    gauges.readiness("shop", "a", true);

    assertThat(
            registry
                .get("parking.operator.parkingapp.ready")
                .tags("parkingapp_namespace", "shop", "parkingapp", "a")
                .gauge()
                .value())
        .isEqualTo(1);

    gauges.retain(Set.of("shop/b"));

    assertThat(registry.find("parking.operator.parkingapp.ready").tag("parkingapp", "a").gauges())
        .isEmpty();
    assertThat(registry.find("parking.operator.parkingapp.ready").tag("parkingapp", "b").gauges())
        .hasSize(1);
  }
}
