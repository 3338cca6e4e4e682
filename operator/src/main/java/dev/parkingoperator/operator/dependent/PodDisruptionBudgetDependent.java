package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.DesiredPodDisruptionBudget;
import dev.parkingoperator.operator.model.Names;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** A PodDisruptionBudget while the app runs more than one replica; removed when it does not. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public final class PodDisruptionBudgetDependent extends OwnedDependent<PodDisruptionBudget> {

  public PodDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  PodDisruptionBudget build(ParkingApp app, AppSettings settings, DesiredInputs inputs) {
    return DesiredPodDisruptionBudget.of(app);
  }

  /** More than one replica: from the spec, else the live Deployment (an autoscaler's count). */
  public static final class Replicated implements Condition<PodDisruptionBudget, ParkingApp> {

    /** The rule itself, for callers without a reconciliation (render). */
    public static boolean holds(AppSettings settings, DesiredInputs inputs) {
      return settings.replicas().or(inputs::currentReplicas).orElse(1) > 1;
    }

    @Override
    public boolean isMet(
        DependentResource<PodDisruptionBudget, ParkingApp> dependent,
        ParkingApp app,
        Context<ParkingApp> context) {
      return holds(AppSettings.of(app), DesiredInputs.from(context));
    }
  }
}
