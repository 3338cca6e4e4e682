package dev.parkingoperator.parking.domain;

/**
 * A value that breaks a domain rule; the message names the field. Every domain validation throws
 * it, so the API answers 400 naming the field, never 500.
 */
public final class InvalidInputException extends IllegalArgumentException {

  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
