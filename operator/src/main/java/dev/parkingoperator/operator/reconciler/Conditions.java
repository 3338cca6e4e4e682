package dev.parkingoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** metav1.Condition values, with lastTransitionTime kept until the status really changes. */
final class Conditions {

  static final String READY = "Ready";
  static final String PROGRESSING = "Progressing";
  static final String DEGRADED = "Degraded";
  static final String METRICS_REACHABLE = "MetricsReachable";

  private Conditions() {}

  /** One condition as the reconciler sees it now, before transition times are merged. */
  record Observed(String type, boolean status, String reason, String message) {}

  /**
   * The new condition list: each observed condition, keeping the previous lastTransitionTime when
   * its status did not change.
   */
  static List<Condition> merge(
      List<Condition> previous, List<Observed> observed, long generation, Instant now) {
    List<Condition> merged = new ArrayList<>();
    for (Observed next : observed) {
      String status = next.status() ? "True" : "False";
      Optional<Condition> before = find(previous, next.type());
      String transition =
          before
              .filter(c -> status.equals(c.getStatus()))
              .map(Condition::getLastTransitionTime)
              .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
      merged.add(
          new ConditionBuilder()
              .withType(next.type())
              .withStatus(status)
              .withReason(next.reason())
              .withMessage(next.message())
              .withObservedGeneration(generation)
              .withLastTransitionTime(transition)
              .build());
    }
    return merged;
  }

  static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
