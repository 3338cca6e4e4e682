package dev.parkingoperator.operator.support;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ParkingAppSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** ParkingApps for tests. */
public final class Apps {

  public static final String IMAGE = "registry.example.com/parking-service:0.1.0";

  private Apps() {}

  public static ParkingApp app(String namespace, String name) {
    ParkingApp app = new ParkingApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    ParkingAppSpec spec = new ParkingAppSpec();
    spec.setImage(IMAGE);
    app.setSpec(spec);
    return app;
  }
}
