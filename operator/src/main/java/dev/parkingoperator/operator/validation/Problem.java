package dev.parkingoperator.operator.validation;

/** One thing wrong with a ParkingApp: the field's path and a sentence saying what. */
public record Problem(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
