package dev.parkingoperator.parking.telemetry;

import dev.parkingoperator.parking.store.WriteBatchListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * Batches of ticket writes on PostgreSQL: {@code parking_store_write_batches_seconds} (how many
 * batches, how long each ran with its commit) and {@code parking_store_batched_writes_total}. The
 * second's rate over the first's count rate is the mean batch size: near 1 when the database keeps
 * up with the writes, growing as they queue behind its commits.
 */
final class WriteBatchMetrics implements WriteBatchListener, MeterBinder {

  private volatile Timer batches;
  private volatile Counter writes;

  @Override
  public void bindTo(MeterRegistry registry) {
    this.batches =
        Timer.builder("parking.store.write.batches")
            .description(
                "Batches of ticket writes run in one transaction, and how long each took with its"
                    + " commit")
            .register(registry);
    this.writes =
        Counter.builder("parking.store.batched.writes")
            .description(
                "Ticket writes run in batches; over the batches' count, the mean batch size")
            .register(registry);
  }

  @Override
  public void batchWritten(int writes, long nanos) {
    batches.record(nanos, TimeUnit.NANOSECONDS);
    this.writes.increment(writes);
  }
}
