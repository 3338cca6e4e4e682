package dev.parkingoperator.parking.domain;

/** A lot or ticket that does not exist (HTTP 404). */
public final class NotFoundException extends RuntimeException {

  private final String code;

  private NotFoundException(String code, String message) {
    super(message);
    this.code = code;
  }

  public static NotFoundException lot(String lotId) {
    return new NotFoundException("lot_not_found", "No lot with id '" + lotId + "'.");
  }

  public static NotFoundException ticket(String ticketId) {
    return new NotFoundException("ticket_not_found", "No ticket with id '" + ticketId + "'.");
  }

  public String code() {
    return code;
  }
}
