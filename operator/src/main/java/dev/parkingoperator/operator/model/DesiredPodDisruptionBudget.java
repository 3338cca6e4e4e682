package dev.parkingoperator.operator.model;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** At most one pod of a replicated app down at a time during voluntary disruptions (drains). */
public final class DesiredPodDisruptionBudget {

  private DesiredPodDisruptionBudget() {}

  public static PodDisruptionBudget of(ParkingApp app) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(Names.metadata(app))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(Names.selectorLabels(app))
        .endSelector()
        .endSpec()
        .build();
  }
}
