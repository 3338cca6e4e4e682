package dev.parkingoperator.parking.runtime;

import com.fasterxml.uuid.Generators;
import dev.parkingoperator.parking.config.ServiceConfig;
import dev.parkingoperator.parking.domain.ParkingService;
import dev.parkingoperator.parking.http.ApiRoutes;
import dev.parkingoperator.parking.store.Database;
import dev.parkingoperator.parking.store.JdbcParkingStore;
import dev.parkingoperator.parking.store.StoreKind;
import dev.parkingoperator.parking.telemetry.ServiceTelemetry;
import dev.parkingoperator.telemetry.Health;
import dev.parkingoperator.telemetry.TelemetryServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: telemetry listener, database, API listener and readiness, started and
 * stopped in order.
 */
public final class ParkingApplication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParkingApplication.class);
  private static final Duration DATABASE_CHECK_INTERVAL = Duration.ofSeconds(2);

  private final ServiceConfig config;
  private final Readiness readiness;
  private final TelemetryServer telemetryServer;
  private final Database database;
  private final JdbcParkingStore store;
  private final DatabaseWatch databaseWatch;
  private final ApiServer apiServer;

  private ParkingApplication(
      ServiceConfig config,
      Readiness readiness,
      TelemetryServer telemetryServer,
      Database database,
      JdbcParkingStore store,
      DatabaseWatch databaseWatch,
      ApiServer apiServer) {
    this.config = config;
    this.readiness = readiness;
    this.telemetryServer = telemetryServer;
    this.database = database;
    this.store = store;
    this.databaseWatch = databaseWatch;
    this.apiServer = apiServer;
  }

  /**
   * Opens the database (pool and migrations) while the listeners start beside it, since each takes
   * a few hundred milliseconds of class loading; until both are done the API answers 503 and
   * readiness is false.
   */
  public static ParkingApplication start(ServiceConfig config, Clock clock) {
    long started = System.nanoTime();
    Readiness readiness = new Readiness();
    // The database is the longest step of start-up (file, pool, migrations): it starts first.
    CompletableFuture<Database> opening = openInBackground(config);
    // Scrapes before the service exists (while the database opens) publish no lots yet.
    AtomicReference<ParkingService> serving = new AtomicReference<>();
    ServiceTelemetry telemetry =
        ServiceTelemetry.create(
            config.telemetry(),
            config.database().store() != StoreKind.EMBEDDED,
            () -> Optional.ofNullable(serving.get()).map(ParkingService::lots).orElse(List.of()));
    SwappableHandler api = new SwappableHandler(ApiRoutes.starting());
    TelemetryServer telemetryServer = null;
    ApiServer apiServer = null;
    Database database;
    try {
      telemetryServer = telemetry.start(() -> health(readiness));
      apiServer = ApiServer.start(config.bindAddress(), config.port(), telemetry.instrument(api));
      database = opening.join();
      telemetry.poolMetrics().ifPresent(database::reportPoolMetrics);
    } catch (RuntimeException e) {
      opening.thenAccept(Database::close);
      stopQuietly(apiServer, telemetryServer);
      throw e instanceof CompletionException ? (RuntimeException) e.getCause() : e;
    }
    // Time-ordered ticket ids (UUIDv7): new tickets land at the end of the primary-key index, so a
    // group commit writes a few pages instead of one random page per ticket.
    JdbcParkingStore store =
        config.database().store() == StoreKind.POSTGRESQL
            ? JdbcParkingStore.onPostgres(
                database.dataSource(), telemetry.writeBatches(), config.database().writeTimeout())
            : JdbcParkingStore.portable(database.dataSource(), database.afterCommit());
    ParkingService parking =
        new ParkingService(
            store, clock, telemetry.events(), Generators.timeBasedEpochGenerator()::generate);
    serving.set(parking);
    api.swap(ApiRoutes.create(parking, config.database().store() == StoreKind.EMBEDDED));
    DatabaseWatch watch = DatabaseWatch.start(database, readiness, DATABASE_CHECK_INTERVAL);
    readiness.serving();
    LOG.info(
        "parking API on {}:{}, telemetry on {}:{} (metrics {}), {}, version {}; started in {} ms",
        config.bindAddress(),
        apiServer.port(),
        config.telemetry().bindAddress(),
        telemetryServer.port(),
        config.telemetry().metricsEnabled() ? "at " + config.telemetry().metricsPath() : "disabled",
        config.database().describe(),
        telemetry.build().version(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    return new ParkingApplication(
        config, readiness, telemetryServer, database, store, watch, apiServer);
  }

  private static Health health(Readiness readiness) {
    return new Health(
        readiness.isReady(),
        Map.of(
            "phase",
            readiness.phase().name().toLowerCase(Locale.ROOT),
            "database",
            readiness.isDatabaseReachable() ? "reachable" : "unreachable"));
  }

  private static CompletableFuture<Database> openInBackground(ServiceConfig config) {
    CompletableFuture<Database> opening = new CompletableFuture<>();
    Thread opener =
        new Thread(
            () -> {
              try {
                opening.complete(Database.open(config.database()));
              } catch (RuntimeException e) {
                opening.completeExceptionally(e);
              }
            },
            "database-open");
    opener.start();
    return opening;
  }

  private static void stopQuietly(ApiServer apiServer, TelemetryServer telemetryServer) {
    if (apiServer != null) {
      try {
        apiServer.drainAndStop(Duration.ZERO);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (telemetryServer != null) {
      telemetryServer.close();
    }
  }

  public int apiPort() {
    return apiServer.port();
  }

  public int telemetryPort() {
    return telemetryServer.port();
  }

  public Readiness readiness() {
    return readiness;
  }

  /**
   * Turns readiness off, drains the API within the grace period, then closes the database and the
   * telemetry listener last, so probes and scrapes see the shutdown.
   */
  @Override
  public void close() {
    readiness.stopping();
    LOG.info("shutting down: draining requests for up to {} s", config.shutdownGrace().toSeconds());
    try {
      if (!apiServer.drainAndStop(config.shutdownGrace())) {
        LOG.warn("grace period ended with requests still in flight");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      databaseWatch.close();
      store.close();
      database.close();
      telemetryServer.close();
      LOG.info("stopped");
    }
  }
}
