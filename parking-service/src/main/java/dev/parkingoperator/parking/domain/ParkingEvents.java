package dev.parkingoperator.parking.domain;

import java.time.Duration;

/**
 * What happens in the parking business, told to whoever listens (telemetry, audit). Every method
 * does nothing by default, so a listener implements only what it cares about. Listeners are called
 * on the request thread after the change is committed and must not block.
 */
public interface ParkingEvents {

  ParkingEvents NONE = new ParkingEvents() {};

  default void lotCreated(Lot lot) {}

  default void lotUpdated(Lot lot) {}

  default void lotDeleted(String lotId) {}

  default void vehicleEntered(Ticket ticket) {}

  default void entryRejected(String lotId, ConflictException.Reason reason) {}

  default void vehicleExited(Ticket ticket, Duration stay) {}
}
