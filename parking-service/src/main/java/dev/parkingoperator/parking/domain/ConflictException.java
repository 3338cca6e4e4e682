package dev.parkingoperator.parking.domain;

import java.util.Locale;
import java.util.UUID;

/** The request is well formed but the current state forbids it (HTTP 409). */
public final class ConflictException extends RuntimeException {

  /** Why the state forbids it; the wire form is the lower-case name. */
  public enum Reason {
    LOT_EXISTS,
    LOT_FULL,
    ALREADY_PARKED,
    ALREADY_EXITED,
    LOT_NOT_EMPTY,
    CAPACITY_BELOW_OCCUPANCY;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  public ConflictException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static ConflictException lotExists(String lotId) {
    return new ConflictException(
        Reason.LOT_EXISTS, "A lot with id '" + lotId + "' already exists.");
  }

  public static ConflictException lotFull(String lotId) {
    return new ConflictException(Reason.LOT_FULL, "Lot '" + lotId + "' has no free space.");
  }

  public static ConflictException alreadyParked(Plate plate, String lotId) {
    return new ConflictException(
        Reason.ALREADY_PARKED,
        "Plate " + plate + " already has a parked ticket in lot '" + lotId + "'.");
  }

  public static ConflictException alreadyExited(UUID ticketId) {
    return new ConflictException(
        Reason.ALREADY_EXITED, "Ticket " + ticketId + " has already exited.");
  }

  public static ConflictException lotNotEmpty(String lotId) {
    return new ConflictException(
        Reason.LOT_NOT_EMPTY,
        "Lot '" + lotId + "' still has parked cars; it can be deleted once empty.");
  }

  public static ConflictException capacityBelowOccupancy(String lotId, int capacity) {
    return new ConflictException(
        Reason.CAPACITY_BELOW_OCCUPANCY,
        "capacity " + capacity + " is below the number of cars parked in lot '" + lotId + "' now.");
  }
}
