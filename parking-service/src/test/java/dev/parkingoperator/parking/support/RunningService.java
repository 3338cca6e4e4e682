package dev.parkingoperator.parking.support;

import dev.parkingoperator.parking.config.ServiceConfig;
import dev.parkingoperator.parking.runtime.ParkingApplication;
import dev.parkingoperator.parking.store.DatabaseSettings;
import dev.parkingoperator.telemetry.TelemetryConfig;
import java.time.Clock;
import java.time.Duration;

/** The whole service in this JVM on 127.0.0.1 and a free port, with a client for it. */
public final class RunningService implements AutoCloseable {

  private final ParkingApplication app;
  private final ApiClient client;

  private RunningService(ParkingApplication app) {
    this.app = app;
    this.client = new ApiClient(app.apiPort());
  }

  public static RunningService start(DatabaseSettings database, Clock clock) {
    return start(config(database, Duration.ofSeconds(5)), clock);
  }

  public static RunningService start(ServiceConfig config, Clock clock) {
    return new RunningService(ParkingApplication.start(config, clock));
  }

  public static ServiceConfig config(DatabaseSettings database, Duration shutdownGrace) {
    return config(database, shutdownGrace, true);
  }

  public static ServiceConfig config(
      DatabaseSettings database, Duration shutdownGrace, boolean metricsEnabled) {
    return new ServiceConfig(
        "127.0.0.1",
        0,
        database,
        shutdownGrace,
        "info",
        new TelemetryConfig(metricsEnabled, "127.0.0.1", 0, "/metrics", "parking-service"));
  }

  /** A client for the telemetry port. */
  public ApiClient telemetry() {
    return new ApiClient(app.telemetryPort());
  }

  public ApiClient client() {
    return client;
  }

  public ParkingApplication app() {
    return app;
  }

  @Override
  public void close() {
    app.close();
  }
}
