package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.domain.Ticket;
import java.time.Instant;

/** One write that changes a lot's occupancy, as a value a batch of writes can carry. */
sealed interface TicketWrite {

  /** The lot whose row the write changes. */
  String lotId();

  /** Takes a space in the ticket's lot and stores the parked ticket. */
  record Entry(Ticket ticket) implements TicketWrite {
    @Override
    public String lotId() {
      return ticket.lotId();
    }
  }

  /** Closes a parked ticket with its exit time and fee, and frees its space. */
  record Exit(Ticket parked, Instant exitedAt, long feeCents) implements TicketWrite {
    @Override
    public String lotId() {
      return parked.lotId();
    }
  }
}
