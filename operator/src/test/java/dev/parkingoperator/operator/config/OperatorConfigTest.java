package dev.parkingoperator.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkingoperator.config.ConfigException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsWatchAllNamespacesWithoutLeaderElection() {
    OperatorConfig config = OperatorConfig.fromEnvironment(Map.of());

    assertThat(config.watchesAllNamespaces()).isTrue();
    assertThat(config.leaderElection()).isEmpty();
    assertThat(config.telemetry().port()).isEqualTo(8081);
    assertThat(config.telemetry().application()).isEqualTo("parking-operator");
  }

  @Test
  void readsNamespacesAndLeaderElection() {
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            Map.of(
                "WATCH_NAMESPACES",
                "team-a, team-b",
                "LEADER_ELECTION_ENABLED",
                "true",
                "POD_NAMESPACE",
                "ops",
                "POD_NAME",
                "operator-7d9f",
                "LEADER_ELECTION_LEASE_SECONDS",
                "30"));

    assertThat(config.watchedNamespaces()).isEqualTo(Set.of("team-a", "team-b"));
    assertThat(config.leaderElection().orElseThrow().leaseNamespace()).isEqualTo("ops");
    assertThat(config.leaderElection().orElseThrow().identity()).isEqualTo("operator-7d9f");
    assertThat(config.leaderElection().orElseThrow().leaseDuration()).hasSeconds(30);
    assertThat(config.leaderElection().orElseThrow().renewDeadline())
        .isLessThan(config.leaderElection().orElseThrow().leaseDuration());
    assertThat(config.leaderElection().orElseThrow().exitOnLoss()).isTrue();
  }

  @Test
  void refusesBadValuesNamingTheVariable() {
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("WATCH_NAMESPACES", "Team_A")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("WATCH_NAMESPACES");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("LEADER_ELECTION_ENABLED", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("LEADER_ELECTION_NAMESPACE");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("METRICS_PORT", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("METRICS_PORT");
  }
}
