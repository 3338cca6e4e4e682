package dev.parkingoperator.operator.reconciler;

import java.util.Set;

/**
 * Told what the reconciler observed about each ParkingApp, for telemetry; does nothing by default,
 * so the reconciler holds no metric calls.
 */
public interface AppStatusListener {

  AppStatusListener NONE = new AppStatusListener() {};

  default void readiness(String namespace, String name, boolean ready) {}

  /** The apps that exist now ("namespace/name"); everything else is gone. */
  default void retain(Set<String> existing) {}
}
