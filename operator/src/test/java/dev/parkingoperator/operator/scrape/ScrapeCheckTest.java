package dev.parkingoperator.operator.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.MockCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScrapeCheckTest {

  private static ParkingApp app(String name) {
    ParkingApp app = Apps.app("ns", name);
    app.getMetadata().setGeneration(1L);
    return app;
  }

  @Test
  void checksOncePerIntervalAndForgetsAppsThatAreGone() {
    try (MockCluster cluster = MockCluster.start()) {
      ScrapeCheck check =
          new ScrapeCheck(
              cluster.client(), new MetricsProbe(), Clock.systemUTC(), Duration.ofHours(1));
      ParkingApp kept = app("kept");
      ParkingApp deleted = app("deleted");

      assertThat(check.checkIfDue(kept, AppSettings.of(kept))).isPresent();
      assertThat(check.checkIfDue(deleted, AppSettings.of(deleted))).isPresent();
      assertThat(check.checkIfDue(kept, AppSettings.of(kept))).as("not due again yet").isEmpty();

      check.retain(Set.of("ns/kept"));

      assertThat(check.checkIfDue(kept, AppSettings.of(kept))).as("still remembered").isEmpty();
      assertThat(check.checkIfDue(deleted, AppSettings.of(deleted)))
          .as("forgotten, so a new app of that name is checked at once")
          .isPresent();
    }
  }
}
