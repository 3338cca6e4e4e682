package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
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
        context.getSecondaryResource(Deployment.class).map(d -> d.getSpec().getReplicas()).orElse(null);
    return stamped(app, current);
  }

  /** The Deployment as applied, intent hash included; also what {@code render} prints. */
  public static Deployment stamped(ParkingApp app, Integer currentReplicas) {
    AppSettings settings = AppSettings.of(app);
    Deployment desired = DesiredDeployment.of(app, settings, currentReplicas);
    if (desired.getMetadata().getAnnotations() == null) {
      }
    return DriftMatcher.stamped(
        desired,
        d -> settings.replicas() != null ? d : new DeploymentBuilder(d).editSpec().withReplicas(null).endSpec().build());
  }
}
