package dev.parkingoperator.telemetry;

import java.util.Map;

/**
 * A readiness answer: whether to send traffic, and the checks behind it (name to state), shown on
 * {@code /health/ready}.
 */
public record Health(boolean ready, Map<String, String> checks) {

  /** Asked on every readiness probe; must answer fast and never block on I/O. */
  @FunctionalInterface
  public interface Check {
    Health current();
  }
}
