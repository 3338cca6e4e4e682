package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.ControllerReference;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.util.List;

/**
 * What every object the operator keeps shares: stamped with its intent hash here, written when
 * {@link DriftMatcher} sees drift or a changed intent, and owned through a controller reference.
 * Subclasses only build what is desired.
 */
public abstract class OwnedDependent<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, ParkingApp> {

  OwnedDependent(Class<R> type) {
    super(type);
  }

  /** The object from the model's pure builder, before it is stamped. */
  abstract R build(ParkingApp app, AppSettings settings, DesiredInputs inputs);

  /**
   * JSON pointers of values in the built object taken over from the live one rather than intended;
   * they are left out of the intent hash.
   */
  List<String> carriedOver(AppSettings settings) {
    return List.of();
  }

  @Override
  protected final R desired(ParkingApp app, Context<ParkingApp> context) {
    return desired(app, DesiredInputs.from(context));
  }

  /** The object as applied, intent hash included; also what {@code render} prints. */
  public final R desired(ParkingApp app, DesiredInputs inputs) {
    AppSettings settings = AppSettings.of(app);
    return DriftMatcher.stamped(build(app, settings, inputs), carriedOver(settings));
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
