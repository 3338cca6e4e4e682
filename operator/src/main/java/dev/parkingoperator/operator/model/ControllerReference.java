package dev.parkingoperator.operator.model;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;

/**
 * The owner reference a controller puts on what it makes: {@code controller: true} so tools know
 * who manages the object, {@code blockOwnerDeletion: true} so foreground deletion waits for it.
 */
public final class ControllerReference {

  private ControllerReference() {}

  public static void set(HasMetadata owned, ParkingApp app) {
    owned.getMetadata().setOwnerReferences(List.of(to(app)));
  }

  /** The reference itself, for objects built outside the SDK's dependents (PodMonitors). */
  public static OwnerReference to(ParkingApp app) {
    return new OwnerReferenceBuilder()
        .withApiVersion(app.getApiVersion())
        .withKind(app.getKind())
        .withName(app.getMetadata().getName())
        .withUid(app.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
