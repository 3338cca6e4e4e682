package dev.parkingoperator.parking.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.Lot;
import dev.parkingoperator.parking.domain.LotDefinition;
import dev.parkingoperator.parking.domain.Plate;
import dev.parkingoperator.parking.domain.Tariff;
import dev.parkingoperator.parking.domain.Ticket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParkingMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ParkingMetrics metrics = new ParkingMetrics(registry);

  private static Ticket exited(String lotId, long fee) {
    Instant entered = Instant.parse("2026-01-01T10:00:00Z");
    return new Ticket(
        UUID.randomUUID(), lotId, new Plate("AB1"), entered, entered.plusSeconds(3600), fee);
  }

  @Test
  void countsEachLotApart() {
    metrics.vehicleEntered(exited("a", 0));
    metrics.vehicleEntered(exited("a", 0));
    metrics.vehicleEntered(exited("b", 0));
    metrics.vehicleExited(exited("a", 300), Duration.ofMinutes(70));
    metrics.entryRejected("a", ConflictException.Reason.LOT_FULL);
    metrics.entryRejected("a", ConflictException.Reason.LOT_FULL);

    assertThat(registry.get("parking.entries").tag("lot", "a").counter().count()).isEqualTo(2);
    assertThat(registry.get("parking.entries").tag("lot", "b").counter().count()).isEqualTo(1);
    assertThat(registry.get("parking.fees.collected").tag("lot", "a").counter().count())
        .isEqualTo(300);
    assertThat(
            registry
                .get("parking.stay.duration")
                .tag("lot", "a")
                .timer()
                .totalTime(TimeUnit.MINUTES))
        .isEqualTo(70);
    assertThat(
            registry
                .get("parking.entries.rejected")
                .tags("lot", "a", "reason", "lot_full")
                .counter()
                .count())
        .isEqualTo(2);
  }

  @Test
  void forgetsADeletedLot() {
    metrics.vehicleEntered(exited("gone", 0));
    metrics.entryRejected("gone", ConflictException.Reason.ALREADY_PARKED);
    metrics.vehicleEntered(exited("kept", 0));

    metrics.lotDeleted("gone");

    assertThat(registry.find("parking.entries").tag("lot", "gone").meters()).isEmpty();
    assertThat(registry.find("parking.entries.rejected").tag("lot", "gone").meters()).isEmpty();
    assertThat(registry.find("parking.entries").tag("lot", "kept").meters()).hasSize(1);

    metrics.vehicleEntered(exited("gone", 0));
    assertThat(registry.get("parking.entries").tag("lot", "gone").counter().count())
        .as("a lot made again under the same id starts from zero")
        .isEqualTo(1);
  }

  @Test
  void gaugesFollowTheStoreAndDropLotsDeletedElsewhere() {
    List<Lot> lots = new ArrayList<>(List.of(lot("x", 10, 4), lot("y", 3, 3)));
    LotOccupancyGauges gauges = bound(new LotOccupancyGauges(() -> List.copyOf(lots), metrics));
    metrics.vehicleEntered(exited("y", 0));

    gauges.run();
    assertThat(registry.get("parking.spaces.occupied").tag("lot", "x").gauge().value())
        .isEqualTo(4);
    assertThat(registry.get("parking.spaces.capacity").tag("lot", "y").gauge().value())
        .isEqualTo(3);

    lots.removeIf(lot -> lot.id().equals("y")); // deleted through another instance
    gauges.run();
    assertThat(registry.find("parking.spaces.occupied").tag("lot", "y").meters()).isEmpty();
    assertThat(registry.find("parking.entries").tag("lot", "y").meters()).isEmpty();
    assertThat(registry.find("parking.spaces.occupied").tag("lot", "x").meters()).hasSize(1);
  }

  @Test
  void keepsTheLastValuesWhenTheStoreIsAway() {
    LotOccupancyGauges gauges =
        bound(new LotOccupancyGauges(() -> List.of(lot("x", 10, 4)), metrics));
    gauges.run();
    LotOccupancyGauges failing =
        bound(
            new LotOccupancyGauges(
                () -> {
                  throw new IllegalStateException("down");
                },
                metrics));

    failing.run();

    assertThat(registry.get("parking.spaces.occupied").tag("lot", "x").gauge().value())
        .isEqualTo(4);
  }

  private static Lot lot(String id, int capacity, int occupied) {
    return new Lot(
        id, new LotDefinition("Lot " + id, capacity, new Tariff(100, null, 0)), occupied);
  }

  @Test
  void aLotDeletedAndMadeAgainKeepsItsGauges() {
    List<Lot> lots = new ArrayList<>(List.of(lot("again", 5, 1)));
    LotOccupancyGauges gauges = bound(new LotOccupancyGauges(() -> List.copyOf(lots), metrics));
    gauges.run();

    metrics.lotDeleted("again"); // and made again before the next scrape
    gauges.run();

    assertThat(registry.get("parking.spaces.occupied").tag("lot", "again").gauge().value())
        .isEqualTo(1);
  }

  private LotOccupancyGauges bound(LotOccupancyGauges gauges) {
    gauges.bindTo(registry);
    return gauges;
  }
}
