package dev.parkingoperator.telemetry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import java.util.Optional;

/** The Prometheus registry every process of this project exposes, with its standard meters. */
public final class MeterRegistries {

  private MeterRegistries() {}

  /**
   * The registry {@code config} asks for: empty when metrics are disabled, so nothing is measured.
   */
  public static Optional<PrometheusMeterRegistry> forConfig(
      TelemetryConfig config, String buildInfoPrefix, BuildInfo build, MeterFilter... filters) {
    return config.metricsEnabled()
        ? Optional.of(prometheus(config.application(), buildInfoPrefix, build, filters))
        : Optional.empty();
  }

  /**
   * A registry tagged {@code application=<name>} with JVM meters, the standard {@code process_*}
   * series of Prometheus' own client libraries, and {@code <prefix>_build_info}. No per-instance
   * tags: Prometheus adds namespace, pod and instance from discovery.
   *
   * @param filters more filters, applied before any meter is registered
   */
  public static PrometheusMeterRegistry prometheus(
      String application, String buildInfoPrefix, BuildInfo build, MeterFilter... filters) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .commonTags(Tags.of("application", application))
        // process_start_time_seconds comes from ProcessMetrics below; two would break the scrape.
        .meterFilter(MeterFilter.denyNameStartsWith("process.start.time"));
    for (MeterFilter filter : filters) {
      registry.config().meterFilter(filter); // before any meter exists, so it applies to all
    }
    bindJvm(registry);
    ProcessMetrics.builder().register(registry.getPrometheusRegistry());
    Gauge.builder(buildInfoPrefix + ".build.info", () -> 1)
        .description("Always 1; its labels name the running version and source revision")
        .tags("version", build.version(), "revision", build.revision())
        .register(registry);
    return registry;
  }

  private static void bindJvm(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }
}
