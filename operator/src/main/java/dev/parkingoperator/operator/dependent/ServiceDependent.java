package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.HashMap;

/** Keeps a ParkingApp's Service as {@link DesiredService} says. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public final class ServiceDependent extends CRUDKubernetesDependentResource<Service, ParkingApp> {

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
    desired.getMetadata().setAnnotations(new HashMap<>());
    return DriftMatcher.stamped(desired, s -> s);
  }

  @Override
  public Matcher.Result<Service> match(
      Service actual, Service desired, ParkingApp app, Context<ParkingApp> context) {
    return DriftMatcher.match(actual, desired, context);
  }

  @Override
  protected void addReferenceHandlingMetadata(Service owned, ParkingApp app) {
    ControllerReference.set(owned, app);
  }
}
