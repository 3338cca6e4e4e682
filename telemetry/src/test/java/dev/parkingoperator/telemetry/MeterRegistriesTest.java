package dev.parkingoperator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeterRegistriesTest {

  private final PrometheusMeterRegistry registry =
      MeterRegistries.prometheus("svc", "svc", new BuildInfo("2.0.0", "f00d"));

  @Test
  void exposesTheStandardProcessSeriesOnce() {
    String scrape = registry.scrape();

    for (String name :
        List.of(
            "process_cpu_seconds_total",
            "process_resident_memory_bytes",
            "process_virtual_memory_bytes",
            "process_open_fds",
            "process_max_fds",
            "process_start_time_seconds")) {
      assertThat(countSamples(scrape, name)).as(name).isEqualTo(1);
    }
  }

  @Test
  void tagsMicrometerSeriesWithTheApplicationOnly() {
    String scrape = registry.scrape();

    assertThat(scrape).contains("jvm_classes_loaded_classes{application=\"svc\"}");
    assertThat(scrape).doesNotContain("pod=").doesNotContain("instance=").doesNotContain("host=");
  }

  @Test
  void publishesBuildInfo() {
    assertThat(registry.scrape())
        .contains("svc_build_info{application=\"svc\",revision=\"f00d\",version=\"2.0.0\"} 1");
  }

  @Test
  void unknownBuildValuesSayUnknown() {
    BuildInfo missing = BuildInfo.fromClasspath("no-such-file.properties");

    assertThat(missing).isEqualTo(new BuildInfo("unknown", "unknown"));
  }

  private static long countSamples(String scrape, String name) {
    return Arrays.stream(scrape.split("\n"))
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .count();
  }
}
