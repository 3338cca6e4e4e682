package dev.parkingoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");

  @Test
  void keepsTheTransitionTimeWhileTheStatusStays() {
    List<Condition> first =
        Conditions.merge(
            List.of(),
            List.of(
                new Conditions.Observed(
                    "Ready", false, "ReplicasNotReady", "0 of 1 replicas are ready.")),
            1,
            T1);
    List<Condition> second =
        Conditions.merge(
            first,
            List.of(
                new Conditions.Observed(
                    "Ready", false, "ReplicasNotReady", "0 of 2 replicas are ready.")),
            2,
            T2);

    assertThat(second.get(0).getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(second.get(0).getMessage()).isEqualTo("0 of 2 replicas are ready.");
    assertThat(second.get(0).getObservedGeneration()).isEqualTo(2);
  }

  @Test
  void movesTheTransitionTimeWhenTheStatusChanges() {
    List<Condition> first =
        Conditions.merge(
            List.of(),
            List.of(new Conditions.Observed("Ready", false, "ReplicasNotReady", "m")),
            1,
            T1);
    List<Condition> second =
        Conditions.merge(
            first, List.of(new Conditions.Observed("Ready", true, "AllReplicasReady", "m")), 1, T2);

    assertThat(second.get(0).getStatus()).isEqualTo("True");
    assertThat(second.get(0).getLastTransitionTime()).isEqualTo(T2.toString());
  }
}
