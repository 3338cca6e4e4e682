package dev.parkingoperator.parking.telemetry;

import static dev.parkingoperator.parking.support.ApiClient.lotJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.parking.support.RunningService;
import dev.parkingoperator.parking.support.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsDisabledTest {

  @TempDir Path dataDir;

  @Test
  void servesHealthButNoMetrics() {
    try (RunningService service =
        RunningService.start(
            RunningService.config(TestDatabases.embedded(dataDir), Duration.ofSeconds(1), false),
            Clock.systemUTC())) {
      assertThat(service.client().post("/api/lots", lotJson("quiet", 1)).status()).isEqualTo(201);

      assertThat(service.telemetry().getText("/metrics").statusCode()).isEqualTo(404);
      assertThat(service.telemetry().getText("/health/ready").statusCode()).isEqualTo(200);
      assertThat(service.telemetry().getText("/").body()).contains("metrics are disabled");
    }
  }
}
