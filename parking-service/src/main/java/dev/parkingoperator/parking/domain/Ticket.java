package dev.parkingoperator.parking.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One stay of one car in one lot.
 *
 * @param exitedAt {@code null} while the car is parked
 * @param feeCents the final fee once exited, {@code null} before
 */
public record Ticket(
    UUID ticketId, String lotId, Plate plate, Instant enteredAt, Instant exitedAt, Long feeCents) {

  public boolean isParked() {
    return exitedAt == null;
  }

  public Duration stayUntil(Instant end) {
    return Duration.between(enteredAt, end);
  }

  public Ticket exited(Instant at, long fee) {
    return new Ticket(ticketId, lotId, plate, enteredAt, at, fee);
  }
}
