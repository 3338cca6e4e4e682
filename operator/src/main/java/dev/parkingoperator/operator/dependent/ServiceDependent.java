package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Keeps a ParkingApp's Service as {@link DesiredService} says. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public final class ServiceDependent extends OwnedDependent<Service> {

  public ServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(ParkingApp app, Context<ParkingApp> context) {
    return stamped(app);
  }

  /** The Service as applied, intent hash included; also what {@code render} prints. */
  public static Service stamped(ParkingApp app) {
    Service desired = DesiredService.of(app, AppSettings.of(app));
    return DriftMatcher.stamped(desired);
  }
}
