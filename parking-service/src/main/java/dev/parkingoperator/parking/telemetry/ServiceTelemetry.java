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
import java.util.Optional;
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
  private final Optional<PrometheusMeterRegistry> registry;
  private final ParkingEvents events;
  private final WriteBatchListener writeBatches;
  private final Runnable beforeScrape;

  private ServiceTelemetry(
      TelemetryConfig config,
      BuildInfo build,
      Optional<PrometheusMeterRegistry> registry,
      Supplier<List<Lot>> lots) {
    this.config = config;
    this.build = build;
    this.registry = registry;
    if (registry.isEmpty()) {
      this.events = ParkingEvents.NONE;
      this.writeBatches = WriteBatchListener.NONE;
      this.beforeScrape = () -> {};
      return;
    }
    ParkingMetrics parkingMetrics = new ParkingMetrics(registry.get());
    WriteBatchMetrics batchMetrics = new WriteBatchMetrics();
    LotOccupancyGauges occupancy = new LotOccupancyGauges(lots, parkingMetrics);
    batchMetrics.bindTo(registry.get());
    occupancy.bindTo(registry.get());
    this.events = parkingMetrics;
    this.writeBatches = batchMetrics;
    this.beforeScrape = occupancy;
  }

  /**
   * @param poolCanWait whether taking a connection can wait (an external database): only then are
   *     the pool's per-borrow timers worth their cost on every request; the embedded pool has a
   *     connection for every thread, and keeps its gauges
   * @param lots the lots whose occupancy each scrape publishes (read from the store then)
   */
  public static ServiceTelemetry create(
      TelemetryConfig config, boolean poolCanWait, Supplier<List<Lot>> lots) {
    BuildInfo build = BuildInfo.fromClasspath(BUILD_INFO_RESOURCE);
    Optional<PrometheusMeterRegistry> registry =
        MeterRegistries.forConfig(
            config, "parking", build, poolCanWait ? MeterFilter.accept() : PER_BORROW_POOL_TIMERS);
    return new ServiceTelemetry(config, build, registry, lots);
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

  /** Connection pool metrics ({@code hikaricp_*}), if measuring. */
  public Optional<MetricsTrackerFactory> poolMetrics() {
    return registry.map(MicrometerMetricsTrackerFactory::new);
  }

  /**
   * Measures the store's batches of ticket writes (PostgreSQL), or nothing when metrics are off.
   */
  public WriteBatchListener writeBatches() {
    return writeBatches;
  }

  /** Wraps the API once, so every request is measured without a metrics call in any handler. */
  public HttpHandler instrument(HttpHandler api) {
    return registry.<HttpHandler>map(metrics -> new HttpServerMetrics(api, metrics)).orElse(api);
  }

  public TelemetryServer start(Health.Check readiness) {
    return TelemetryServer.start(
        config, "Parking service", build, registry, readiness, beforeScrape);
  }

  public BuildInfo build() {
    return build;
  }
}
