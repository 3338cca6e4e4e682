package dev.parkingoperator.parking.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkingoperator.parking.domain.Plate;
import dev.parkingoperator.parking.domain.StoreUnavailableException;
import dev.parkingoperator.parking.domain.Ticket;
import dev.parkingoperator.parking.store.WriteBatcher.Outcome;
import dev.parkingoperator.parking.store.WriteBatcher.Pending;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batching itself, with a runner the test controls: who goes into which batch, and who hears
 * what.
 */
class WriteBatcherTest {

  private static final Duration PATIENT = Duration.ofSeconds(10);

  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final List<List<TicketWrite>> batches = new CopyOnWriteArrayList<>();
  private final List<Integer> batchSizesHeard = new CopyOnWriteArrayList<>();
  private final WriteBatchListener listener = (writes, nanos) -> batchSizesHeard.add(writes);
  private final CountDownLatch firstBatchStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void writesQueuedWhileABatchRunsGoTogetherIntoTheNext() throws Exception {
    try (WriteBatcher batcher =
        new WriteBatcher(
            "test-writes", holdingFirstBatch(this::appliedWhenEven), listener, PATIENT)) {
      Future<Outcome> first = callers.submit(() -> batcher.apply(entry(0)));
      assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<Outcome>> queued = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        int plate = i;
        queued.add(callers.submit(() -> batcher.apply(entry(plate))));
      }
      await(() -> batcher.queued() == 10);
      releaseFirstBatch.countDown();

      assertThat(first.get()).isEqualTo(Outcome.APPLIED);
      for (int i = 1; i <= 10; i++) {
        assertThat(queued.get(i - 1).get())
            .as("write %d hears its own outcome", i)
            .isEqualTo(i % 2 == 0 ? Outcome.APPLIED : Outcome.UNCHANGED);
      }
      assertThat(batches).extracting(List::size).containsExactly(1, 10);
      await(() -> batchSizesHeard.size() == 2);
      assertThat(batchSizesHeard).as("the listener hears each batch").containsExactly(1, 10);
    }
  }

  @Test
  void anOutageFailsTheWritesQueuedBehindItWithoutRunningThem() throws Exception {
    WriteBatcher.BatchRunner failing =
        holdingFirstBatch(
            batch -> {
              throw new StoreUnavailableException("database connection failed", null);
            });
    try (WriteBatcher batcher = new WriteBatcher("test-writes", failing, listener, PATIENT)) {
      Future<Outcome> first = callers.submit(() -> batcher.apply(entry(0)));
      assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Outcome> second = callers.submit(() -> batcher.apply(entry(1)));
      await(() -> batcher.queued() == 1);
      releaseFirstBatch.countDown();

      assertFailsWith(first, "database connection failed");
      assertFailsWith(second, "database connection failed");
      assertThat(batches).as("the queued write never reached the database").hasSize(1);
    }
  }

  @Test
  void aRunnerThatThrowsFailsItsBatchAndTheNextBatchStillRuns() {
    List<Integer> calls = new CopyOnWriteArrayList<>();
    WriteBatcher.BatchRunner flaky =
        batch -> {
          calls.add(batch.size());
          if (calls.size() == 1) {
            throw new IllegalStateException("a bug in the first batch");
          }
          batch.forEach(pending -> pending.outcome().complete(Outcome.APPLIED));
        };
    try (WriteBatcher batcher = new WriteBatcher("test-writes", flaky, listener, PATIENT)) {
      assertThatThrownBy(() -> batcher.apply(entry(0))).hasMessage("a bug in the first batch");
      assertThat(batcher.apply(entry(1))).isEqualTo(Outcome.APPLIED);
    }
  }

  @Test
  void aWriteTheRunnerForgotFailsInsteadOfWaiting() {
    try (WriteBatcher batcher = new WriteBatcher("test-writes", batch -> {}, listener, PATIENT)) {
      assertThatThrownBy(() -> batcher.apply(entry(0))).hasMessageContaining("unanswered");
    }
  }

  @Test
  void aCallerGivesUpWith503WhenTheDatabaseHangs() {
    try (WriteBatcher batcher =
        new WriteBatcher(
            "test-writes",
            holdingFirstBatch(this::appliedWhenEven),
            listener,
            Duration.ofMillis(200))) {
      assertThatThrownBy(() -> batcher.apply(entry(0)))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("may still be applied");
      releaseFirstBatch.countDown();
    }
  }

  @Test
  void closingFailsTheQueuedWritesWith503AndRefusesNewOnes() throws Exception {
    WriteBatcher batcher =
        new WriteBatcher(
            "test-writes", holdingFirstBatch(this::appliedWhenEven), listener, PATIENT);
    callers.submit(() -> batcher.apply(entry(0)));
    assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
    Future<Outcome> queued = callers.submit(() -> batcher.apply(entry(1)));
    await(() -> batcher.queued() == 1);

    batcher.close();

    assertThatThrownBy(queued::get).hasCauseInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> batcher.apply(entry(2))).isInstanceOf(StoreUnavailableException.class);
  }

  /**
   * Records each batch; the first waits for the test's release (or an interrupt) before running.
   */
  private WriteBatcher.BatchRunner holdingFirstBatch(WriteBatcher.BatchRunner runner) {
    return batch -> {
      batches.add(batch.stream().map(Pending::write).toList());
      if (batches.size() == 1) {
        firstBatchStarted.countDown();
        try {
          releaseFirstBatch.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreUnavailableException("interrupted", e);
        }
      }
      runner.run(batch);
    };
  }

  /** Answers each entry by its plate's number: even numbers applied, odd ones unchanged. */
  private void appliedWhenEven(List<Pending> batch) {
    for (Pending pending : batch) {
      TicketWrite.Entry entry = (TicketWrite.Entry) pending.write();
      int number = Integer.parseInt(entry.ticket().plate().value().substring(1));
      pending.outcome().complete(number % 2 == 0 ? Outcome.APPLIED : Outcome.UNCHANGED);
    }
  }

  private static TicketWrite entry(int number) {
    return new TicketWrite.Entry(
        new Ticket(UUID.randomUUID(), "lot", new Plate("P" + number), Instant.EPOCH, null, null));
  }

  private static void assertFailsWith(Future<Outcome> outcome, String message) {
    assertThatThrownBy(outcome::get)
        .hasCauseInstanceOf(StoreUnavailableException.class)
        .cause()
        .hasMessageContaining(message);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
