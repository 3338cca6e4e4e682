package dev.parkingoperator.parking.domain;

/** A request field that breaks a rule; the message names the field. */
public final class InvalidInputException extends RuntimeException {

  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
