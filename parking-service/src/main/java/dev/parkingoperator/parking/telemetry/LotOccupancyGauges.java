package dev.parkingoperator.parking.telemetry;

import dev.parkingoperator.parking.domain.Lot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Occupied and total spaces per lot, read from the store once per scrape: the store is the truth
 * when several instances share a database, and a lot deleted anywhere drops out of the scrape.
 * Gauges read per-lot holders, so a scrape only updates numbers; meters are registered or removed
 * only when the set of lots changes.
 */
public final class LotOccupancyGauges implements Runnable, MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(LotOccupancyGauges.class);

  private final Supplier<List<Lot>> lots;
  private final ParkingMetrics counters;
  private volatile MultiGauge occupiedGauge;
  private volatile MultiGauge capacityGauge;
  private final Map<String, Spaces> spaces = new ConcurrentHashMap<>();

  /** The latest numbers of one lot, read by its two gauges. */
  private record Spaces(AtomicInteger occupied, AtomicInteger capacity) {}

  public LotOccupancyGauges(Supplier<List<Lot>> lots, ParkingMetrics counters) {
    this.lots = lots;
    this.counters = counters;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.occupiedGauge =
        MultiGauge.builder("parking.spaces.occupied")
            .description("Spaces taken in a lot")
            .register(registry);
    this.capacityGauge =
        MultiGauge.builder("parking.spaces.capacity")
            .description("Spaces a lot has in all")
            .register(registry);
  }

  /** Refreshes the gauges; keeps the last values when the store cannot be read right now. */
  @Override
  public synchronized void run() {
    List<Lot> current;
    try {
      current = lots.get();
    } catch (RuntimeException e) {
      LOG.debug("lot gauges not refreshed: {}", e.getMessage());
      return;
    }
    boolean lotsChanged = current.size() != spaces.size();
    for (Lot lot : current) {
      Spaces known = spaces.get(lot.id());
      if (known == null) {
        known = new Spaces(new AtomicInteger(), new AtomicInteger());
        spaces.put(lot.id(), known);
        lotsChanged = true;
      }
      known.occupied().set(lot.occupied());
      known.capacity().set(lot.capacity());
    }
    if (lotsChanged) {
      spaces.keySet().retainAll(current.stream().map(Lot::id).toList());
      occupiedGauge.register(rows(Spaces::occupied), false);
      capacityGauge.register(rows(Spaces::capacity), false);
      counters.retainLots(spaces.keySet());
    }
  }

  private List<MultiGauge.Row<?>> rows(Function<Spaces, AtomicInteger> number) {
    return spaces.entrySet().stream()
        .<MultiGauge.Row<?>>map(
            lot ->
                MultiGauge.Row.of(
                    Tags.of(ParkingMetrics.LOT, lot.getKey()),
                    number.apply(lot.getValue()),
                    AtomicInteger::get))
        .toList();
  }
}
