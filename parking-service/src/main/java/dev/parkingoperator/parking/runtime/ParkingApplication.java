package dev.parkingoperator.parking.runtime;

import dev.parkingoperator.parking.config.ServiceConfig;
import dev.parkingoperator.parking.domain.ParkingEvents;
import dev.parkingoperator.parking.domain.ParkingService;
import dev.parkingoperator.parking.http.ApiRoutes;
import dev.parkingoperator.parking.store.Database;
import dev.parkingoperator.parking.store.JdbcParkingStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: database, API listener and readiness, started and stopped in order. */
public final class ParkingApplication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParkingApplication.class);
  private static final Duration DATABASE_CHECK_INTERVAL = Duration.ofSeconds(2);

  private final ServiceConfig config;
  private final Readiness readiness;
  private final Database database;
  private final DatabaseWatch databaseWatch;
  private final ApiServer apiServer;

  private ParkingApplication(
      ServiceConfig config,
      Readiness readiness,
      Database database,
      DatabaseWatch databaseWatch,
      ApiServer apiServer) {
    this.config = config;
    this.readiness = readiness;
    this.database = database;
    this.databaseWatch = databaseWatch;
    this.apiServer = apiServer;
  }

  /**
   * Opens the database (pool and migrations) while the API listener starts beside it, since each
   * takes a few hundred milliseconds of class loading; until both are done the API answers 503.
   */
  public static ParkingApplication start(ServiceConfig config, Clock clock, ParkingEvents events) {
    long started = System.nanoTime();
    CompletableFuture<Database> opening = openInBackground(config);
    SwappableHandler api = new SwappableHandler(ApiRoutes.starting());
    ApiServer apiServer;
    try {
      apiServer = ApiServer.start(config.bindAddress(), config.port(), api);
    } catch (RuntimeException e) {
      opening.thenAccept(Database::close);
      throw e;
    }
    Database database;
    try {
      database = opening.join();
    } catch (CompletionException e) {
      stopQuietly(apiServer);
      throw (RuntimeException) e.getCause();
    }
    ParkingService parking =
        new ParkingService(new JdbcParkingStore(database.dataSource()), clock, events);
    api.swap(ApiRoutes.create(parking));
    Readiness readiness = new Readiness();
    DatabaseWatch watch = DatabaseWatch.start(database, readiness, DATABASE_CHECK_INTERVAL);
    readiness.serving();
    LOG.info(
        "parking API listening on {}:{} with {}, started in {} ms",
        config.bindAddress(),
        apiServer.port(),
        config.database().describe(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    return new ParkingApplication(config, readiness, database, watch, apiServer);
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

  private static void stopQuietly(ApiServer apiServer) {
    try {
      apiServer.drainAndStop(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int apiPort() {
    return apiServer.port();
  }

  public Readiness readiness() {
    return readiness;
  }

  /** Drains the API within the configured grace period, then closes the database. */
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
      database.close();
      LOG.info("stopped");
    }
  }
}
