package dev.parkingoperator.bench;

import dev.parkingoperator.parking.domain.Plate;
import dev.parkingoperator.parking.domain.Ticket;
import dev.parkingoperator.parking.telemetry.ParkingMetrics;
import dev.parkingoperator.telemetry.BuildInfo;
import dev.parkingoperator.telemetry.MeterRegistries;
import dev.parkingoperator.telemetry.http.HttpServerMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request telemetry cost on the hot path: what the HTTP wrapper records when a request
 * completes, and what the parking instrumenters record for an entry and an exit. Run with {@code
 * -prof gc} to read the allocations per operation (gc.alloc.rate.norm).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmarks {

  private HttpServerMetrics http;
  private ParkingMetrics parking;
  private Ticket parked;
  private Ticket exited;

  @Setup
  public void setUp() {
    PrometheusMeterRegistry registry =
        MeterRegistries.prometheus("bench", "bench", new BuildInfo("0", "0"));
    http = new HttpServerMetrics(exchange -> {}, registry);
    parking = new ParkingMetrics(registry);
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    parked = new Ticket(UUID.randomUUID(), "central", new Plate("AB12CD"), now, null, null);
    exited = parked.exited(now.plusSeconds(5400), 750L);
    // First use registers the meters; the benchmarks measure steady state.
    http.record("GET", "/api/lots/{lotId}", 200, 120_000, 0, 180);
    parking.vehicleEntered(parked);
    parking.vehicleExited(exited, Duration.ofMinutes(90));
  }

  @Benchmark
  public void httpRequestRecorded() {
    http.record("GET", "/api/lots/{lotId}", 200, 120_000, 0, 180);
  }

  /** Both I/O threads at once, as under load: the meters' shared cache lines move between cores. */
  @Benchmark
  @Threads(2)
  public void httpRequestRecordedByTwoThreads() {
    http.record("GET", "/api/lots/{lotId}", 200, 120_000, 0, 180);
  }

  @Benchmark
  public void vehicleEntered() {
    parking.vehicleEntered(parked);
  }

  @Benchmark
  public void vehicleExited() {
    parking.vehicleExited(exited, Duration.ofMinutes(90));
  }

  /** The floor: a bare Micrometer timer record, as the reference point. */
  private final Timer bare = Timer.builder("bare").register(new SimpleMeterRegistry());

  @Benchmark
  public void bareMicrometerTimer() {
    bare.record(120_000, TimeUnit.NANOSECONDS);
  }
}
