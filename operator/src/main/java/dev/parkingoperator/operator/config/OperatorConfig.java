package dev.parkingoperator.operator.config;

import dev.parkingoperator.telemetry.TelemetryConfig;
import dev.parkingoperator.telemetry.config.ConfigException;
import dev.parkingoperator.telemetry.config.Environment;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the operator runs, from environment variables (the README and the chart list them).
 *
 * @param watchedNamespaces empty to watch all namespaces
 * @param leaseNamespace where the leader-election Lease lives (required when it is enabled)
 */
public record OperatorConfig(
    Set<String> watchedNamespaces,
    String logLevel,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int reconcileThreads,
    TelemetryConfig telemetry) {

  public static final int DEFAULT_METRICS_PORT = 8081;
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public static OperatorConfig fromEnvironment(Map<String, String> variables) {
    Environment env = new Environment(variables);
    boolean leaderElection = env.bool("LEADER_ELECTION_ENABLED", false);
    String leaseNamespace = env.string("LEADER_ELECTION_NAMESPACE", env.optional("POD_NAMESPACE"));
    if (leaderElection && leaseNamespace == null) {
      throw new ConfigException("LEADER_ELECTION_NAMESPACE (or POD_NAMESPACE) is required when LEADER_ELECTION_ENABLED=true");
    }
    return new OperatorConfig(
        namespaces(env.string("WATCH_NAMESPACES", "")),
        env.oneOf("LOG_LEVEL", "info", Set.of("error", "warn", "info", "debug", "trace")),
        leaderElection,
        env.string("LEADER_ELECTION_LEASE_NAME", "parking-operator-leader"),
        leaseNamespace,
        env.integer("RECONCILE_THREADS", 10, 1, 100),
        TelemetryConfig.fromEnvironment(env, "parking-operator", DEFAULT_METRICS_PORT));
  }

  private static Set<String> namespaces(String list) {
    Set<String> namespaces =
        Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(java.util.TreeSet::new));
    for (String namespace : namespaces) {
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new ConfigException("WATCH_NAMESPACES must be a comma-separated list of namespace names, got '" + namespace + "'");
      }
    }
    return namespaces;
  }

  public boolean watchesAllNamespaces() {
    return watchedNamespaces.isEmpty();
  }
}
