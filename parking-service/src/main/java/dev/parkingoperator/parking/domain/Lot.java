package dev.parkingoperator.parking.domain;

/** A lot as stored, with how many of its spaces are taken now. */
public record Lot(String id, LotDefinition definition, int occupied) {

  public String name() {
    return definition.name();
  }

  public int capacity() {
    return definition.capacity();
  }

  public Tariff tariff() {
    return definition.tariff();
  }

  public int available() {
    return Math.max(0, capacity() - occupied);
  }
}
