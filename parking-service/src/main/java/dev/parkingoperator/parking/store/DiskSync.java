package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.concurrent.DaemonThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces the embedded store's file to disk at a fixed interval ({@code CHECKPOINT SYNC}). Group
 * commit puts each commit in the file without an fsync (one per group commit costs 10 % of the
 * write rate); this bounds what a power loss can take to about one interval of answered writes, and
 * it is what lets H2 reuse a dead chunk's space after {@link #RETENTION} rather than its default 45
 * s: by then the chunk that replaced it is on disk.
 */
final class DiskSync implements AutoCloseable {

  static final Duration INTERVAL = Duration.ofSeconds(1);

  /** How long H2 keeps a dead chunk before reusing its space: several sync intervals. */
  static final Duration RETENTION = INTERVAL.multipliedBy(5);

  private static final Logger LOG = LoggerFactory.getLogger(DiskSync.class);

  private final DataSource dataSource;
  private final Duration interval;
  private final ScheduledExecutorService timer;
  private boolean failing;

  DiskSync(DataSource dataSource, Duration interval) {
    this.dataSource = dataSource;
    this.interval = interval;
    this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("disk-sync"));
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::sync, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Runs on the timer's thread only; a failure is logged once and retried at the next tick. */
  private void sync() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT SYNC");
      if (failing) {
        failing = false;
        LOG.info("embedded store synced to disk again");
      }
    } catch (SQLException | RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.warn(
            "cannot sync the embedded store to disk, retrying every {} ms: {}",
            interval.toMillis(),
            e.getMessage());
      }
    }
  }

  /** Stops the timer and syncs once more, so what was written before the close is on disk. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      if (timer.awaitTermination(5, TimeUnit.SECONDS)) {
        sync();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
