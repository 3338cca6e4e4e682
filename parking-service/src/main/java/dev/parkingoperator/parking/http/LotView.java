package dev.parkingoperator.parking.http;

import dev.parkingoperator.parking.domain.Lot;

/** A lot as the API shows it. */
record LotView(
    String id,
    String name,
    int capacity,
    long hourlyRateCents,
    Long dailyMaxCents,
    int graceMinutes,
    int occupied,
    int available) {

  static LotView of(Lot lot) {
    return new LotView(
        lot.id(),
        lot.name(),
        lot.capacity(),
        lot.tariff().hourlyRateCents(),
        lot.tariff().dailyMaxCents(),
        lot.tariff().graceMinutes(),
        lot.occupied(),
        lot.available());
  }
}
