package dev.parkingoperator.parking.telemetry;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.parkingoperator.parking.domain.Lot;
import dev.parkingoperator.parking.domain.ParkingEvents;
import dev.parkingoperator.parking.store.WriteBatchListener;
import dev.parkingoperator.telemetry.BuildInfo;
import dev.parkingoperator.telemetry.Health;
import dev.parkingoperator.telemetry.MeterRegistries;
import dev.parkingoperator.telemetry.TelemetryConfig;
import dev.parkingoperator.telemetry.TelemetryServer;
import dev.parkingoperator.telemetry.http.HttpServerMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import java.util.List;
import java.util.function.Supplier;

/**
 * The parking service's telemetry in one place: the registry, the instrumenters that listen to the
 * domain, the HTTP and pool metrics, and the telemetry listener. With metrics disabled every part
 * is a no-op and only the health endpoints are served.
 */
public final class ServiceTelemetry {

  public static final String BUILD_INFO_RESOURCE = "parking-build.properties";

  private final TelemetryConfig config;
  private final BuildInfo build;
  private final PrometheusMeterRegistry registry;
  private final ParkingEvents events;
  private Runnable beforeScrape = () -> {};

  private ServiceTelemetry(
      TelemetryConfig config, BuildInfo build, PrometheusMeterRegistry registry) {
    this.config = config;
    this.build = build;
    this.registry = registry;
    this.events = registry == null ? ParkingEvents.NONE : new ParkingMetrics(registry);
  }

  /**
   * @param poolCanWait whether taking a connection can wait (an external database): only then are
   *     the pool's per-borrow timers worth their cost on every request; the embedded pool has a
   *     connection for every thread, and keeps its gauges
   */
  public static ServiceTelemetry create(TelemetryConfig config, boolean poolCanWait) {
    BuildInfo build = BuildInfo.fromClasspath(BUILD_INFO_RESOURCE);
    PrometheusMeterRegistry registry =
        config.metricsEnabled()
            ? MeterRegistries.prometheus(
                config.application(),
                "parking",
                build,
                poolCanWait ? MeterFilter.accept() : PER_BORROW_POOL_TIMERS)
            : null;
    return new ServiceTelemetry(config, build, registry);
  }

  private static final MeterFilter PER_BORROW_POOL_TIMERS =
      MeterFilter.deny(
          id ->
              id.getName().equals("hikaricp.connections.acquire")
                  || id.getName().equals("hikaricp.connections.usage"));

  /** What the domain tells about entries, exits and lots. */
  public ParkingEvents events() {
    return events;
  }

  /** Connection pool metrics ({@code hikaricp_*}), or {@code null} when disabled. */
  public MetricsTrackerFactory poolMetrics() {
    return registry == null ? null : new MicrometerMetricsTrackerFactory(registry);
  }

  /** Wraps the API once, so every request is measured without a metrics call in any handler. */
  /**
   * Measures the store's batches of ticket writes (PostgreSQL), or nothing when metrics are off.
   */
  public WriteBatchListener writeBatches() {
    return registry == null ? WriteBatchListener.NONE : new WriteBatchMetrics(registry);
  }

  public HttpHandler instrument(HttpHandler api) {
    return registry == null ? api : new HttpServerMetrics(api, registry);
  }

  /** Publishes occupancy per lot, read from {@code lots} at each scrape. */
  public void observeLots(Supplier<List<Lot>> lots) {
    if (registry != null) {
      beforeScrape = new LotOccupancyGauges(lots, (ParkingMetrics) events, registry);
    }
  }

  public TelemetryServer start(Health.Check readiness) {
    return TelemetryServer.start(
        config, "Parking service", build, registry, readiness, () -> beforeScrape.run());
  }

  public BuildInfo build() {
    return build;
  }
}
