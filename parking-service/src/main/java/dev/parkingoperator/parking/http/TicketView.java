package dev.parkingoperator.parking.http;

import dev.parkingoperator.parking.domain.Ticket;
import java.time.Instant;

/**
 * A ticket as the API shows it. {@code feeCents} is a quote for leaving now while parked, the final
 * fee once exited, and absent on the entry receipt.
 */
record TicketView(
    String ticketId,
    String lotId,
    String plate,
    String status,
    String enteredAt,
    String exitedAt,
    Long feeCents) {

  static TicketView receipt(Ticket ticket) {
    return of(ticket, null);
  }

  static TicketView of(Ticket ticket, Long feeCents) {
    return new TicketView(
        ticket.ticketId().toString(),
        ticket.lotId(),
        ticket.plate().value(),
        ticket.isParked() ? "parked" : "exited",
        iso(ticket.enteredAt()),
        iso(ticket.exitedAt()),
        feeCents);
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
