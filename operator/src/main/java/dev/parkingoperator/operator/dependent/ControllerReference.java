package dev.parkingoperator.operator.dependent;

import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;

/**
 * The owner reference a controller puts on what it makes: {@code controller: true} so tools know
 * who manages the object, {@code blockOwnerDeletion: true} so foreground deletion waits for it.
 */
final class ControllerReference {

  private ControllerReference() {}

  static void set(HasMetadata owned, ParkingApp app) {
    OwnerReference reference =
        new OwnerReferenceBuilder()
            .withApiVersion(app.getApiVersion())
            .withKind(app.getKind())
            .withName(app.getMetadata().getName())
            .withUid(app.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build();
    owned.getMetadata().setOwnerReferences(List.of(reference));
  }
}
