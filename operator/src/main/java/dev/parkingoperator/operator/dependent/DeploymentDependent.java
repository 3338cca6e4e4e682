package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.HashMap;

/** Keeps a ParkingApp's Deployment as {@link DesiredDeployment} says. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public final class DeploymentDependent extends CRUDKubernetesDependentResource<Deployment, ParkingApp> {

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
      desired.getMetadata().setAnnotations(new HashMap<>());
    }
    return DriftMatcher.stamped(
        desired,
        d -> settings.replicas() != null ? d : new DeploymentBuilder(d).editSpec().withReplicas(null).endSpec().build());
  }

  @Override
  public Matcher.Result<Deployment> match(
      Deployment actual, Deployment desired, ParkingApp app, Context<ParkingApp> context) {
    return DriftMatcher.match(actual, desired, context);
  }

  @Override
  protected void addReferenceHandlingMetadata(Deployment owned, ParkingApp app) {
    ControllerReference.set(owned, app);
  }
}
