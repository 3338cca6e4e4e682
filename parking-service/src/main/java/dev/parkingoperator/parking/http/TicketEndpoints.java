package dev.parkingoperator.parking.http;

import dev.parkingoperator.parking.domain.NotFoundException;
import dev.parkingoperator.parking.domain.ParkingService;
import dev.parkingoperator.parking.domain.Plate;
import dev.parkingoperator.parking.domain.PricedTicket;
import dev.parkingoperator.parking.domain.Ticket;
import java.util.Set;
import java.util.UUID;

/** Entries into a lot, and tickets: their fee quote and their exit. */
final class TicketEndpoints {

  private static final Set<String> ENTRY_FIELDS = Set.of("plate");

  private final ParkingService parking;

  TicketEndpoints(ParkingService parking) {
    this.parking = parking;
  }

  ApiResponse enter(ApiRequest request) throws Exception {
    String lotId = request.pathParam("lotId");
    JsonFields body = JsonFields.of(request.jsonBody(), ENTRY_FIELDS);
    Plate plate = Plate.normalise(body.requiredString("plate"));
    Ticket ticket = parking.enter(lotId, plate);
    return ApiResponse.created(TicketView.receipt(ticket), "/api/tickets/" + ticket.ticketId());
  }

  ApiResponse get(ApiRequest request) {
    PricedTicket priced = parking.ticket(ticketId(request));
    return ApiResponse.ok(TicketView.of(priced.ticket(), priced.feeCents()));
  }

  ApiResponse exit(ApiRequest request) {
    Ticket exited = parking.exit(ticketId(request));
    return ApiResponse.ok(TicketView.of(exited, exited.feeCents()));
  }

  /** A malformed id names no ticket, so it is a 404 like any unknown id. */
  private static UUID ticketId(ApiRequest request) {
    String raw = request.pathParam("ticketId");
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw NotFoundException.ticket(raw);
    }
  }
}
