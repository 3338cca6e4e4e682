package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * What every object the operator keeps shares: written when {@link DriftMatcher} sees drift or a
 * changed intent, and owned through a controller reference. Subclasses only say what is desired.
 */
abstract class OwnedDependent<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, ParkingApp> {

  OwnedDependent(Class<R> type) {
    super(type);
  }

  @Override
  public Matcher.Result<R> match(R actual, R desired, ParkingApp app, Context<ParkingApp> context) {
    return DriftMatcher.match(actual, desired, context);
  }

  @Override
  protected void addReferenceHandlingMetadata(R owned, ParkingApp app) {
    ControllerReference.set(owned, app);
  }
}
