package dev.parkingoperator.config;

import java.util.Optional;

/**
 * The rules of the telemetry endpoint, stated once for the service's and the operator's settings
 * and for the ParkingApp schema and validator: a path of its own (not {@code /}, not under the
 * health paths) on a port of its own.
 */
public final class TelemetryEndpointRules {

  /** The path's shape; the CRD schema carries it too (its regex dialect has no look-ahead). */
  public static final String PATH_PATTERN = "^/[A-Za-z0-9._~-][A-Za-z0-9._~/-]*$";

  private static final String HEALTH_PREFIX = "/health";

  private TelemetryEndpointRules() {}

  /** What is wrong with {@code path} as the metrics path, named as {@code field}; empty if fine. */
  public static Optional<String> pathProblem(String field, String path) {
    if (path.matches(PATH_PATTERN) && !path.startsWith(HEALTH_PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(
        field + " must be a path such as /metrics, not / or under /health, got '" + path + "'");
  }

  /** The telemetry port must not be the API port: the point of a separate endpoint. */
  public static Optional<String> portProblem(
      String metricsField, int metricsPort, String apiField, int apiPort) {
    if (metricsPort != apiPort) {
      return Optional.empty();
    }
    return Optional.of(
        metricsField
            + " must differ from "
            + apiField
            + " (both are "
            + apiPort
            + "): telemetry has its own port");
  }
}
