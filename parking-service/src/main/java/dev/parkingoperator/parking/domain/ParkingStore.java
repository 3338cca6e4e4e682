package dev.parkingoperator.parking.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable lots and tickets. Every rule that concurrent requests could break (capacity, one parked
 * ticket per plate and lot, one exit per ticket) is enforced atomically by the implementation, not
 * by its callers.
 */
public interface ParkingStore {

  /**
   * @throws ConflictException {@code LOT_EXISTS}
   */
  Lot createLot(String lotId, LotDefinition definition);

  List<Lot> lots();

  Optional<Lot> lot(String lotId);

  /**
   * @throws ConflictException {@code CAPACITY_BELOW_OCCUPANCY}; NotFoundException
   */
  Lot updateLot(String lotId, LotDefinition definition);

  /**
   * @throws ConflictException {@code LOT_NOT_EMPTY}; NotFoundException
   */
  void deleteLot(String lotId);

  /**
   * Takes a space and opens a ticket, or neither. @throws ConflictException {@code LOT_FULL},
   * {@code ALREADY_PARKED}; NotFoundException
   */
  Ticket openTicket(Ticket ticket);

  /** The ticket with the tariff of its lot, for pricing. */
  Optional<TicketInLot> ticket(UUID ticketId);

  /**
   * Closes a parked ticket and frees its space, or neither. @throws ConflictException {@code
   * ALREADY_EXITED}
   */
  Ticket closeTicket(Ticket parked, Instant exitedAt, long feeCents);

  /** A ticket beside the tariff of the lot it is in. */
  record TicketInLot(Ticket ticket, Tariff tariff) {}
}
