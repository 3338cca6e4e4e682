package dev.parkingoperator.parking.telemetry;

import dev.parkingoperator.parking.domain.Lot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Occupied and total spaces per lot, read from the store once per scrape: the store is the truth
 * when several instances share a database, and a lot deleted anywhere drops out of the scrape.
 */
public final class LotOccupancyGauges implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(LotOccupancyGauges.class);

  private final Supplier<List<Lot>> lots;
  private final ParkingMetrics counters;
  private final MultiGauge occupied;
  private final MultiGauge capacity;

  public LotOccupancyGauges(Supplier<List<Lot>> lots, ParkingMetrics counters, MeterRegistry registry) {
    this.lots = lots;
    this.counters = counters;
    this.occupied =
        MultiGauge.builder("parking.spaces.occupied")
            .description("Spaces taken in a lot")
            .register(registry);
    this.capacity =
        MultiGauge.builder("parking.spaces.capacity")
            .description("Spaces a lot has in all")
            .register(registry);
  }

  /** Refreshes the gauges; keeps the last values when the store cannot be read right now. */
  @Override
  public void run() {
    List<Lot> current;
    try {
      current = lots.get();
    } catch (RuntimeException e) {
      LOG.debug("lot gauges not refreshed: {}", e.getMessage());
      return;
    }
    occupied.register(rows(current, true), true);
    capacity.register(rows(current, false), true);
    Set<String> ids = current.stream().map(Lot::id).collect(Collectors.toSet());
    counters.retainLots(ids);
  }

  private static List<MultiGauge.Row<?>> rows(List<Lot> lots, boolean occupied) {
    return lots.stream()
        .<MultiGauge.Row<?>>map(
            lot ->
                MultiGauge.Row.of(
                    Tags.of(ParkingMetrics.LOT, lot.id()), occupied ? lot.occupied() : lot.capacity()))
        .toList();
  }
}
