package dev.parkingoperator.operator.config;

import dev.parkingoperator.config.ConfigException;
import dev.parkingoperator.config.Environment;
import dev.parkingoperator.telemetry.TelemetryConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the operator runs, from environment variables (the README and the chart list them).
 *
 * @param watchedNamespaces empty to watch all namespaces
 * @param leaderElection empty when off: replicas then must stay at 1
 * @param scrapeCheckInterval how often a ready app's metrics endpoint is fetched; zero: never
 * @param operatorNamespace the operator's own namespace (POD_NAMESPACE), if known
 */
public record OperatorConfig(
    Set<String> watchedNamespaces,
    String logLevel,
    Optional<LeaderElection> leaderElection,
    int reconcileThreads,
    Duration scrapeCheckInterval,
    Optional<String> operatorNamespace,
    TelemetryConfig telemetry) {

  /**
   * A Lease that at most one replica holds; only the holder reconciles.
   *
   * @param identity this replica's name in the Lease (the pod name)
   * @param exitOnLoss stop the process when leadership is lost, so the kubelet restarts it clean
   */
  public record LeaderElection(
      String leaseName,
      String leaseNamespace,
      String identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod,
      boolean exitOnLoss) {}

  public static final int DEFAULT_METRICS_PORT = 8081;
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public static OperatorConfig fromEnvironment(Map<String, String> variables) {
    Environment env = new Environment(variables);
    return new OperatorConfig(
        namespaces(env.string("WATCH_NAMESPACES", "")),
        env.logLevel(),
        leaderElection(env),
        env.integer("RECONCILE_THREADS", 10, 1, 100),
        Duration.ofSeconds(env.integer("SCRAPE_CHECK_INTERVAL_SECONDS", 300, 0, 86_400)),
        Optional.ofNullable(env.optional("POD_NAMESPACE")),
        TelemetryConfig.fromEnvironment(env, "parking-operator", DEFAULT_METRICS_PORT));
  }

  private static Optional<LeaderElection> leaderElection(Environment env) {
    if (!env.bool("LEADER_ELECTION_ENABLED", false)) {
      return Optional.empty();
    }
    String namespace = env.string("LEADER_ELECTION_NAMESPACE", env.optional("POD_NAMESPACE"));
    if (namespace == null) {
      throw new ConfigException(
          "LEADER_ELECTION_NAMESPACE (or POD_NAMESPACE) is required when"
              + " LEADER_ELECTION_ENABLED=true");
    }
    int lease = env.integer("LEADER_ELECTION_LEASE_SECONDS", 15, 2, 300);
    return Optional.of(
        new LeaderElection(
            env.string("LEADER_ELECTION_LEASE_NAME", "parking-operator-leader"),
            namespace,
            env.string("POD_NAME", defaultIdentity()),
            Duration.ofSeconds(lease),
            Duration.ofMillis(lease * 2000L / 3),
            Duration.ofMillis(Math.max(500, lease * 1000L / 8)),
            true));
  }

  private static String defaultIdentity() {
    try {
      return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
    } catch (UnknownHostException e) {
      return "parking-operator-" + ProcessHandle.current().pid();
    }
  }

  private static Set<String> namespaces(String list) {
    Set<String> namespaces =
        Arrays.stream(list.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new));
    for (String namespace : namespaces) {
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new ConfigException(
            "WATCH_NAMESPACES must be a comma-separated list of namespace names, got '"
                + namespace
                + "'");
      }
    }
    return namespaces;
  }

  public boolean watchesAllNamespaces() {
    return watchedNamespaces.isEmpty();
  }
}
