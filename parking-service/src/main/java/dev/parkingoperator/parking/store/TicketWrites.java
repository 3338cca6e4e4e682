package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.NotFoundException;
import dev.parkingoperator.parking.domain.Ticket;
import java.time.Instant;

/**
 * The two writes that change a lot's occupancy with a ticket, atomically: every one of them queues
 * on the lot's row, so how long each holds that row bounds the entries and exits one lot can take
 * per second.
 */
interface TicketWrites extends AutoCloseable {

  /**
   * Takes a space and stores the parked ticket.
   *
   * @throws NotFoundException when the lot does not exist
   * @throws ConflictException {@code ALREADY_PARKED} or {@code LOT_FULL}
   */
  Ticket enter(Ticket ticket);

  /**
   * Closes a parked ticket and frees its space.
   *
   * @throws ConflictException {@code ALREADY_EXITED} when the ticket is no longer parked
   */
  Ticket exit(Ticket parked, Instant exitedAt, long feeCents);

  /** Stops whatever the writes run on; writes still waiting fail with 503. */
  @Override
  default void close() {}
}
