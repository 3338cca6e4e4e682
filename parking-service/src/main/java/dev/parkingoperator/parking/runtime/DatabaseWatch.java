package dev.parkingoperator.parking.runtime;

import dev.parkingoperator.parking.concurrent.DaemonThreads;
import dev.parkingoperator.parking.store.Database;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks the database now and then, keeps {@link Readiness} current and logs each change once. */
public final class DatabaseWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);

  private final Database database;
  private final Readiness readiness;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("database-watch"));

  private DatabaseWatch(Database database, Readiness readiness) {
    this.database = database;
    this.readiness = readiness;
  }

  public static DatabaseWatch start(Database database, Readiness readiness, Duration every) {
    DatabaseWatch watch = new DatabaseWatch(database, readiness);
    watch.scheduler.scheduleWithFixedDelay(
        watch::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  void check() {
    boolean reachable = database.isReachable();
    if (reachable != readiness.isDatabaseReachable()) {
      if (reachable) {
        LOG.info("database reachable again");
      } else {
        LOG.warn("database unreachable; readiness is now false");
      }
    }
    readiness.databaseReachable(reachable);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
