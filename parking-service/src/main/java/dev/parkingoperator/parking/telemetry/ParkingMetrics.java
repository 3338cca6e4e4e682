package dev.parkingoperator.parking.telemetry;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.ParkingEvents;
import dev.parkingoperator.parking.domain.Ticket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * Turns parking events into per-lot series: entries, exits, rejected entries by reason, fees
 * collected and stay durations. Meters are made once per lot and then found without allocating; a
 * deleted lot's series are removed, so the {@code lot} label is bounded by the lots that exist.
 */
public final class ParkingMetrics implements ParkingEvents {

  static final String LOT = "lot";
  private static final Duration[] STAY_BUCKETS = {
    Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
    Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(12), Duration.ofHours(24),
    Duration.ofDays(2), Duration.ofDays(7)
  };
  private static final ConflictException.Reason[] REASONS = ConflictException.Reason.values();

  /** The meters made here; the occupancy gauges belong to LotOccupancyGauges. */
  private static final String ENTRIES = "parking.entries";

  private static final String EXITS = "parking.exits";
  private static final String FEES = "parking.fees.collected";
  private static final String STAYS = "parking.stay.duration";
  private static final String REJECTED = "parking.entries.rejected";
  private static final Set<String> OWNED = Set.of(ENTRIES, EXITS, FEES, STAYS, REJECTED);

  private final MeterRegistry registry;
  private final ConcurrentMap<String, LotMeters> lots = new ConcurrentHashMap<>();

  public ParkingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void vehicleEntered(Ticket ticket) {
    meters(ticket.lotId()).entries.increment();
  }

  @Override
  public void entryRejected(String lotId, ConflictException.Reason reason) {
    meters(lotId).rejected(reason).increment();
  }

  @Override
  public void vehicleExited(Ticket ticket, Duration stay) {
    LotMeters meters = meters(ticket.lotId());
    meters.exits.increment();
    meters.feesCents.increment(ticket.feeCents());
    meters.stays.record(stay);
  }

  @Override
  public void lotDeleted(String lotId) {
    lots.remove(lotId);
    removeSeries(lot -> lot.equals(lotId));
  }

  /** Drops the series of lots that no longer exist, also those deleted through another instance. */
  void retainLots(Set<String> existing) {
    lots.keySet().retainAll(existing);
    removeSeries(lot -> !existing.contains(lot));
  }

  private void removeSeries(Predicate<String> lotMatches) {
    for (Meter meter : registry.getMeters()) {
      String lot = meter.getId().getTag(LOT);
      if (lot != null && OWNED.contains(meter.getId().getName()) && lotMatches.test(lot)) {
        registry.remove(meter);
      }
    }
  }

  /**
   * A plain get first: computeIfAbsent would allocate its bound constructor reference every call.
   */
  private LotMeters meters(String lotId) {
    LotMeters meters = lots.get(lotId);
    return meters != null ? meters : lots.computeIfAbsent(lotId, LotMeters::new);
  }

  /** The meters of one lot; a rejection counter is made on first use of its reason. */
  private final class LotMeters {
    final String lotId;
    final Counter entries;
    final Counter exits;
    final Counter feesCents;
    final Timer stays;
    final AtomicReferenceArray<Counter> rejections = new AtomicReferenceArray<>(REASONS.length);

    LotMeters(String lotId) {
      this.lotId = lotId;
      entries =
          Counter.builder(ENTRIES)
              .description("Cars admitted into a lot")
              .tag(LOT, lotId)
              .register(registry);
      exits =
          Counter.builder(EXITS)
              .description("Cars that left a lot")
              .tag(LOT, lotId)
              .register(registry);
      feesCents =
          Counter.builder(FEES)
              .description("Fees charged at exit")
              .baseUnit("cents")
              .tag(LOT, lotId)
              .register(registry);
      stays =
          Timer.builder(STAYS)
              .description("How long cars stayed, measured at exit")
              .tag(LOT, lotId)
              .serviceLevelObjectives(STAY_BUCKETS)
              .register(registry);
    }

    Counter rejected(ConflictException.Reason reason) {
      Counter counter = rejections.get(reason.ordinal());
      if (counter == null) {
        // register() returns the existing meter on a race, so both threads share one counter.
        counter =
            Counter.builder(REJECTED)
                .description("Entries refused, by reason")
                .tags(LOT, lotId, "reason", reason.code())
                .register(registry);
        rejections.set(reason.ordinal(), counter);
      }
      return counter;
    }
  }
}
