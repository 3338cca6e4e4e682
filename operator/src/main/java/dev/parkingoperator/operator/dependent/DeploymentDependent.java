package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.DesiredDeployment;
import dev.parkingoperator.operator.model.Names;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Keeps a ParkingApp's Deployment as {@link DesiredDeployment} says. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public final class DeploymentDependent extends OwnedDependent<Deployment> {

  public DeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  Deployment build(ParkingApp app, AppSettings settings, DesiredInputs inputs) {
    return DesiredDeployment.of(app, settings);
  }
}
