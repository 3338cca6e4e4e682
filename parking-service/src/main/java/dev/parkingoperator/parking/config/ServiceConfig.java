package dev.parkingoperator.parking.config;

import dev.parkingoperator.config.ConfigException;
import dev.parkingoperator.config.Environment;
import dev.parkingoperator.config.TelemetryEndpointRules;
import dev.parkingoperator.parking.store.DatabaseSettings;
import dev.parkingoperator.parking.store.StoreKind;
import dev.parkingoperator.telemetry.TelemetryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the service can be told at start: defaults here, overridden by environment variables
 * (the README lists each one).
 */
public record ServiceConfig(
    String bindAddress,
    int port,
    DatabaseSettings database,
    Duration shutdownGrace,
    String logLevel,
    TelemetryConfig telemetry) {

  public static final String DEFAULT_APPLICATION = "parking-service";
  public static final int DEFAULT_METRICS_PORT = 9568;

  public ServiceConfig {
    // Port 0 (any free port, as tests ask) cannot clash.
    if (port != 0) {
      TelemetryEndpointRules.portProblem("METRICS_PORT", telemetry.port(), "PORT", port)
          .ifPresent(
              problem -> {
                throw new ConfigException(problem);
              });
    }
  }

  public static ServiceConfig fromEnvironment(Map<String, String> variables) {
    Environment env = new Environment(variables);
    return new ServiceConfig(
        env.bindAddress("HTTP_BIND", "0.0.0.0"),
        env.port("PORT", 8080),
        database(env),
        Duration.ofSeconds(env.integer("SHUTDOWN_GRACE_SECONDS", 20, 0, 3600)),
        env.logLevel(),
        TelemetryConfig.fromEnvironment(env, DEFAULT_APPLICATION, DEFAULT_METRICS_PORT));
  }

  private static DatabaseSettings database(Environment env) {
    String url = env.optional("PARKING_DB_URL");
    try {
      StoreKind.of(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("PARKING_DB_URL " + e.getMessage());
    }
    return new DatabaseSettings(
        url,
        env.optional("PARKING_DB_USERNAME"),
        env.optional("PARKING_DB_PASSWORD"),
        Path.of(env.string("PARKING_DATA_DIR", "./data")),
        env.integer(
            "PARKING_DB_POOL_SIZE",
            StoreKind.of(url) == StoreKind.EMBEDDED
                ? DatabaseSettings.EMBEDDED_POOL_SIZE
                : DatabaseSettings.EXTERNAL_POOL_SIZE,
            1,
            200),
        Duration.ofMillis(
            env.integer(
                "PARKING_DB_TIMEOUT_MS",
                (int) DatabaseSettings.DEFAULT_CONNECT_TIMEOUT.toMillis(),
                250,
                60_000)));
  }
}
