package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
  protected PodDisruptionBudget desired(ParkingApp app, Context<ParkingApp> context) {
    return stamped(app);
  }

  /** The PodDisruptionBudget as applied, intent hash included; also what {@code render} prints. */
  public static PodDisruptionBudget stamped(ParkingApp app) {
    PodDisruptionBudget desired = DesiredPodDisruptionBudget.of(app);
    return DriftMatcher.stamped(desired);
  }

  /** More than one replica: from the spec, else the live Deployment (an autoscaler's count). */
  public static final class Replicated implements Condition<PodDisruptionBudget, ParkingApp> {
    @Override
    public boolean isMet(
        DependentResource<PodDisruptionBudget, ParkingApp> dependent,
        ParkingApp app,
        Context<ParkingApp> context) {
      Integer replicas = AppSettings.of(app).replicas();
      if (replicas == null) {
        replicas =
            context
                .getSecondaryResource(Deployment.class)
                .map(d -> d.getSpec().getReplicas())
                .orElse(1);
      }
      return replicas > 1;
    }
  }
}
