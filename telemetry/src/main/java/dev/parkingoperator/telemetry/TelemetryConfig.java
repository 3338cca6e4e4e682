package dev.parkingoperator.telemetry;

import dev.parkingoperator.config.ConfigException;
import dev.parkingoperator.config.Environment;
import dev.parkingoperator.config.TelemetryEndpointRules;

/**
 * How the telemetry listener runs. With {@code metricsEnabled} false nothing is measured and {@code
 * /metrics} is not served, but the listener stays up for the health probes.
 *
 * @param application the {@code application} tag on every series (the service's name)
 */
public record TelemetryConfig(
    boolean metricsEnabled, String bindAddress, int port, String metricsPath, String application) {

  public TelemetryConfig {
    TelemetryEndpointRules.pathProblem("METRICS_PATH", metricsPath)
        .ifPresent(
            problem -> {
              throw new ConfigException(problem);
            });
  }

  /** Reads METRICS_ENABLED, METRICS_BIND, METRICS_PORT, METRICS_PATH and SERVICE_NAME. */
  public static TelemetryConfig fromEnvironment(
      Environment env, String defaultApplication, int defaultPort) {
    return new TelemetryConfig(
        env.bool("METRICS_ENABLED", true),
        env.bindAddress("METRICS_BIND", "0.0.0.0"),
        env.port("METRICS_PORT", defaultPort),
        env.string("METRICS_PATH", "/metrics"),
        env.string("SERVICE_NAME", defaultApplication));
  }
}
