package dev.parkingoperator.parking.config;

import dev.parkingoperator.parking.store.DatabaseSettings;
import dev.parkingoperator.telemetry.TelemetryConfig;
import dev.parkingoperator.telemetry.config.ConfigException;
import dev.parkingoperator.telemetry.config.Environment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

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

  public static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");

  public ServiceConfig {
    if (port != 0 && port == telemetry.port()) {
      throw new ConfigException(
          "METRICS_PORT must differ from PORT (both are " + port + "): telemetry has its own port");
    }
  }

  public static ServiceConfig fromEnvironment(Map<String, String> variables) {
    Environment env = new Environment(variables);
    return new ServiceConfig(
        env.bindAddress("HTTP_BIND", "0.0.0.0"),
        env.port("PORT", 8080),
        database(env),
        Duration.ofSeconds(env.integer("SHUTDOWN_GRACE_SECONDS", 20, 0, 3600)),
        env.oneOf("LOG_LEVEL", "info", LOG_LEVELS),
        TelemetryConfig.fromEnvironment(env, DEFAULT_APPLICATION, DEFAULT_METRICS_PORT));
  }

  private static DatabaseSettings database(Environment env) {
    String url = env.optional("PARKING_DB_URL");
    if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      throw new ConfigException(
          "PARKING_DB_URL must be a jdbc:postgresql: (or jdbc:h2:) URL, got a URL starting '"
              + url.substring(0, Math.min(url.length(), 16))
              + "'");
    }
    return new DatabaseSettings(
        url,
        env.optional("PARKING_DB_USERNAME"),
        env.optional("PARKING_DB_PASSWORD"),
        Path.of(env.string("PARKING_DATA_DIR", "./data")),
        env.integer(
            "PARKING_DB_POOL_SIZE",
            url == null ? DatabaseSettings.EMBEDDED_POOL_SIZE : DatabaseSettings.EXTERNAL_POOL_SIZE,
            1,
            200),
        Duration.ofMillis(env.integer("PARKING_DB_TIMEOUT_MS", 2000, 250, 60_000)));
  }
}
