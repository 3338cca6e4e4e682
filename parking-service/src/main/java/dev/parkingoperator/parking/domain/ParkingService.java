package dev.parkingoperator.parking.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** The parking business: lots, entries, exits and fees, over a store, a clock and listeners. */
public final class ParkingService {

  private final ParkingStore store;
  private final Clock clock;
  private final ParkingEvents events;
  private final Supplier<UUID> ticketIds;

  public ParkingService(
      ParkingStore store, Clock clock, ParkingEvents events, Supplier<UUID> ticketIds) {
    this.store = store;
    this.clock = clock;
    this.events = events;
    this.ticketIds = ticketIds;
  }

  public ParkingService(ParkingStore store, Clock clock, ParkingEvents events) {
    this(store, clock, events, UUID::randomUUID);
  }

  public Lot createLot(String lotId, LotDefinition definition) {
    Lot lot = store.createLot(LotId.requireValid(lotId), definition);
    events.lotCreated(lot);
    return lot;
  }

  public List<Lot> lots() {
    return store.lots();
  }

  public Lot lot(String lotId) {
    return store.lot(lotId).orElseThrow(() -> NotFoundException.lot(lotId));
  }

  public Lot updateLot(String lotId, LotDefinition definition) {
    Lot lot = store.updateLot(lotId, definition);
    events.lotUpdated(lot);
    return lot;
  }

  public void deleteLot(String lotId) {
    store.deleteLot(lotId);
    events.lotDeleted(lotId);
  }

  public Ticket enter(String lotId, Plate plate) {
    Ticket parked = new Ticket(ticketIds.get(), lotId, plate, now(), null, null);
    try {
      Ticket opened = store.openTicket(parked);
      events.vehicleEntered(opened);
      return opened;
    } catch (ConflictException rejected) {
      events.entryRejected(lotId, rejected.reason());
      throw rejected;
    }
  }

  public PricedTicket ticket(UUID ticketId) {
    ParkingStore.TicketInLot found = find(ticketId);
    Ticket ticket = found.ticket();
    if (!ticket.isParked()) {
      return new PricedTicket(ticket, ticket.feeCents());
    }
    return new PricedTicket(ticket, found.tariff().feeFor(ticket.stayUntil(now())));
  }

  public Ticket exit(UUID ticketId) {
    ParkingStore.TicketInLot found = find(ticketId);
    Ticket ticket = found.ticket();
    if (!ticket.isParked()) {
      throw ConflictException.alreadyExited(ticketId);
    }
    Instant exitedAt = now();
    long fee = found.tariff().feeFor(ticket.stayUntil(exitedAt));
    Ticket exited = store.closeTicket(ticket, exitedAt, fee);
    events.vehicleExited(exited, ticket.stayUntil(exitedAt));
    return exited;
  }

  private ParkingStore.TicketInLot find(UUID ticketId) {
    return store.ticket(ticketId).orElseThrow(() -> NotFoundException.ticket(ticketId.toString()));
  }

  /** Millisecond precision: what every store keeps and what the API shows. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
