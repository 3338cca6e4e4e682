package dev.parkingoperator.operator.support;

import dev.parkingoperator.operator.ParkingOperator;
import dev.parkingoperator.operator.config.OperatorConfig;
import dev.parkingoperator.telemetry.TelemetryConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The real operator in this JVM against a mock cluster, telemetry on 127.0.0.1 and a free port. */
public final class RunningOperator implements AutoCloseable {

  private final ParkingOperator operator;

  private RunningOperator(ParkingOperator operator) {
    this.operator = operator;
  }

  public static RunningOperator start(KubernetesClient client) {
    return start(client, config(Set.of()));
  }

  public static RunningOperator start(KubernetesClient client, OperatorConfig config) {
    return new RunningOperator(ParkingOperator.start(config, client));
  }

  public static OperatorConfig config(Set<String> namespaces) {
    return new OperatorConfig(
        namespaces,
        "info",
        Optional.empty(),
        4,
        Duration.ofMinutes(5),
        Optional.empty(),
        new TelemetryConfig(true, "127.0.0.1", 0, "/metrics", "parking-operator"));
  }

  /** With leader election on a short lease, as replica {@code identity}; never exits the JVM. */
  public static OperatorConfig leaderElected(String identity) {
    return new OperatorConfig(
        Set.of(),
        "info",
        Optional.of(
            new OperatorConfig.LeaderElection(
                "parking-operator-leader",
                "operators",
                identity,
                Duration.ofSeconds(3),
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                false)),
        4,
        Duration.ofMinutes(5),
        Optional.of("operators"),
        new TelemetryConfig(true, "127.0.0.1", 0, "/metrics", "parking-operator"));
  }

  public int telemetryPort() {
    return operator.telemetryPort();
  }

  @Override
  public void close() {
    operator.close();
  }
}
