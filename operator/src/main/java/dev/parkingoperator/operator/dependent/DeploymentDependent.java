package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Keeps a ParkingApp's Deployment as {@link DesiredDeployment} says. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public final class DeploymentDependent extends OwnedDependent<Deployment> {

  public DeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(ParkingApp app, Context<ParkingApp> context) {
    Integer current =
        context
            .getSecondaryResource(Deployment.class)
            .map(d -> d.getSpec().getReplicas())
            .orElse(null);
    return stamped(app, current);
  }

  /** The Deployment as applied, intent hash included; also what {@code render} prints. */
  public static Deployment stamped(ParkingApp app, Integer currentReplicas) {
    AppSettings settings = AppSettings.of(app);
    Deployment desired = DesiredDeployment.of(app, settings, currentReplicas);
    return DriftMatcher.stamped(desired, intentHash(desired, settings));
  }

  /**
   * A replica count carried over from the live Deployment is not intent, so it is left out of the
   * hash: taken out of {@code desired} for the hashing and put back, rather than hashing a copy.
   */
  private static String intentHash(Deployment desired, AppSettings settings) {
    if (settings.replicas() != null) {
      return DriftMatcher.hash(desired);
    }
    Integer carried = desired.getSpec().getReplicas();
    desired.getSpec().setReplicas(null);
    try {
      return DriftMatcher.hash(desired);
    } finally {
      desired.getSpec().setReplicas(carried);
    }
  }
}
