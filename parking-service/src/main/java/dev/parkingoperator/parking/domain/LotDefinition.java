package dev.parkingoperator.parking.domain;

/** What an operator of a lot decides: its name, its size and how it charges. */
public record LotDefinition(String name, int capacity, Tariff tariff) {

  public static final int MAX_CAPACITY = 100_000;
  public static final int MAX_NAME_LENGTH = 200;

  public LotDefinition {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name", "name must not be blank");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidInputException(
          "name", "name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new InvalidInputException(
          "capacity", "capacity must be between 1 and " + MAX_CAPACITY + ", got " + capacity);
    }
  }
}
