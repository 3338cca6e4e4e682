package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.ControllerReference;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * What every object the operator keeps shares: applied with server-side apply, so the operator owns
 * exactly the fields it sets — a value someone else changes in them is put back, values others add
 * are left alone, and a field the operator stops setting is removed — and owned through a
 * controller reference. The SDK's apply matcher decides when to write. Subclasses only build what
 * is desired.
 */
public abstract class OwnedDependent<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, ParkingApp> {

  OwnedDependent(Class<R> type) {
    super(type);
  }

  /** The object from the model's pure builder. */
  abstract R build(ParkingApp app, AppSettings settings, DesiredInputs inputs);

  @Override
  protected final R desired(ParkingApp app, Context<ParkingApp> context) {
    return desired(app, DesiredInputs.from(context));
  }

  /** The object as applied; also what {@code render} prints. */
  public final R desired(ParkingApp app, DesiredInputs inputs) {
    return build(app, AppSettings.of(app), inputs);
  }

  @Override
  protected void addReferenceHandlingMetadata(R owned, ParkingApp app) {
    ControllerReference.set(owned, app);
  }
}
