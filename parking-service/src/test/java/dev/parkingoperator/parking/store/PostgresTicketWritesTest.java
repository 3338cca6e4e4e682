package dev.parkingoperator.parking.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.LotDefinition;
import dev.parkingoperator.parking.domain.NotFoundException;
import dev.parkingoperator.parking.domain.Plate;
import dev.parkingoperator.parking.domain.Tariff;
import dev.parkingoperator.parking.domain.Ticket;
import dev.parkingoperator.parking.store.WriteBatcher.Outcome;
import dev.parkingoperator.parking.store.WriteBatcher.Pending;
import dev.parkingoperator.parking.support.Intercepting;
import dev.parkingoperator.parking.support.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batches of ticket writes on the real PostgreSQL, chosen by the test: one commit for the whole
 * batch, exits before entries, and a batch that breaks a rule answering each write on its own.
 */
class PostgresTicketWritesTest {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  private final AtomicInteger commits = new AtomicInteger();
  private DatabaseSettings settings;
  private Database database;
  private JdbcParkingStore store;
  private PostgresTicketWrites writes;

  @BeforeEach
  void openDatabase() {
    settings = TestDatabases.freshPostgresSchema();
    database = Database.open(settings);
    store =
        JdbcParkingStore.onPostgres(
            database.dataSource(), WriteBatchListener.NONE, Duration.ofSeconds(10));
    writes =
        new PostgresTicketWrites(
            new Transactions(countingCommits(database.dataSource()), () -> {}),
            WriteBatchListener.NONE,
            Duration.ofSeconds(10));
  }

  @AfterEach
  void closeDatabase() {
    writes.close();
    store.close();
    database.close();
    TestDatabases.dropSchemaOf(settings);
  }

  @Test
  void aBatchRunsAllItsWritesInOneCommit() {
    createLot("busy", 10);
    Ticket first = writes.enter(ticket("busy", "FIRST"));
    Ticket second = writes.enter(ticket("busy", "SECOND"));
    commits.set(0);

    List<Pending> batch =
        List.of(
            exit(first),
            entry(ticket("busy", "A")),
            entry(ticket("busy", "B")),
            exit(second),
            entry(ticket("busy", "C")));
    writes.runBatch(batch);

    assertThat(batch)
        .allSatisfy(pending -> assertThat(pending.outcome()).isCompletedWithValue(Outcome.APPLIED));
    assertThat(commits).hasValue(1);
    assertThat(store.lot("busy").orElseThrow().occupied()).isEqualTo(3);
    assertThat(store.ticket(first.ticketId()).orElseThrow().ticket().exitedAt()).isEqualTo(NOW);
  }

  @Test
  void exitsFreeTheirSpaceForEntriesInTheSameBatch() {
    createLot("one-space", 1);
    Ticket parked = writes.enter(ticket("one-space", "LEAVING"));

    List<Pending> batch = List.of(entry(ticket("one-space", "ARRIVING")), exit(parked));
    writes.runBatch(batch);

    assertThat(batch)
        .allSatisfy(pending -> assertThat(pending.outcome()).isCompletedWithValue(Outcome.APPLIED));
    assertThat(store.lot("one-space").orElseThrow().occupied()).isEqualTo(1);
  }

  @Test
  void aBatchThatBreaksARuleAnswersEachWriteOnItsOwn() {
    createLot("small", 2);
    writes.enter(ticket("small", "PARKED"));
    Ticket gone = writes.enter(ticket("small", "GONE"));
    writes.exit(gone, NOW, 100);
    commits.set(0);

    Pending twice = entry(ticket("small", "PARKED"));
    Pending fits = entry(ticket("small", "FITS"));
    Pending full = entry(ticket("small", "FULL"));
    Pending exitedAgain = exit(gone);
    Pending noSuchLot = entry(ticket("nowhere", "LOST"));
    writes.runBatch(List.of(twice, fits, full, exitedAgain, noSuchLot));

    assertThat(twice.outcome()).isCompletedExceptionally();
    assertThatThrownBy(twice.outcome()::join)
        .cause()
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_PARKED));
    assertThat(fits.outcome()).isCompletedWithValue(Outcome.APPLIED);
    assertThat(full.outcome()).isCompletedWithValue(Outcome.UNCHANGED);
    assertThat(exitedAgain.outcome()).isCompletedWithValue(Outcome.UNCHANGED);
    assertThat(noSuchLot.outcome()).isCompletedWithValue(Outcome.UNCHANGED);
    assertThat(commits)
        .as("the batch rolled back, then each write alone: the duplicate rolled back too")
        .hasValue(4);
    assertThat(store.lot("small").orElseThrow().occupied()).isEqualTo(2);
  }

  @Test
  void aWriteThatChangedNothingIsExplained() {
    createLot("tiny", 1);
    writes.enter(ticket("tiny", "ONLY"));

    assertThatThrownBy(() -> writes.enter(ticket("tiny", "ONLY")))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_PARKED));
    assertThatThrownBy(() -> writes.enter(ticket("tiny", "OTHER")))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.LOT_FULL));
    assertThatThrownBy(() -> writes.enter(ticket("nowhere", "LOST")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aLotHeldByAnotherTransactionStallsOnlyTheWritesToThatLot() throws Exception {
    createLot("held", 5);
    createLot("free", 5);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (Connection administrator = database.dataSource().getConnection()) {
      administrator.setAutoCommit(false);
      try (Statement hold = administrator.createStatement()) {
        hold.execute("SELECT id FROM lots WHERE id = 'held' FOR UPDATE");
      }
      Future<Ticket> toHeld = callers.submit(() -> writes.enter(ticket("held", "WAITS")));
      Future<Ticket> toFree = callers.submit(() -> writes.enter(ticket("free", "PASSES")));

      assertThat(toFree.get(10, TimeUnit.SECONDS).lotId()).isEqualTo("free");
      assertThat(writes.enter(ticket("free", "NEXT")).lotId())
          .as("the writer is not stuck")
          .isEqualTo("free");
      Thread.sleep(PostgresTicketWrites.LOT_LOCK_TIMEOUT.toMillis());
      assertThat(toHeld).as("waits for the lot, on its caller's thread").isNotDone();

      administrator.rollback();
      assertThat(toHeld.get(10, TimeUnit.SECONDS).lotId()).isEqualTo("held");
    } finally {
      callers.shutdownNow();
    }
    assertThat(store.lot("held").orElseThrow().occupied()).isEqualTo(1);
    assertThat(store.lot("free").orElseThrow().occupied()).isEqualTo(2);
  }

  private void createLot(String id, int capacity) {
    store.createLot(id, new LotDefinition(id, capacity, new Tariff(300, null, 0)));
  }

  private static Ticket ticket(String lotId, String plate) {
    return new Ticket(
        UUID.randomUUID(), lotId, new Plate(plate), NOW.minusSeconds(3600), null, null);
  }

  private static Pending entry(Ticket ticket) {
    return new Pending(new TicketWrite.Entry(ticket), new CompletableFuture<>());
  }

  private static Pending exit(Ticket parked) {
    return new Pending(new TicketWrite.Exit(parked, NOW, 300), new CompletableFuture<>());
  }

  /** The pool, counting the commits made on its connections. */
  private DataSource countingCommits(DataSource pool) {
    return Intercepting.proxy(
        DataSource.class,
        pool,
        (method, args, call) -> {
          Object result = call.proceed();
          return result instanceof Connection connection ? countingCommits(connection) : result;
        });
  }

  private Connection countingCommits(Connection connection) {
    return Intercepting.proxy(
        Connection.class,
        connection,
        (method, args, call) -> {
          if (method.getName().equals("commit")) {
            commits.incrementAndGet();
          }
          return call.proceed();
        });
  }
}
