package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.concurrent.DaemonThreads;
import dev.parkingoperator.parking.domain.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs writes in batches on one thread. A batch is every write that queued while the one before it
 * ran, so batches grow with the load by themselves and a lone write runs at once, alone. Callers
 * block until their own write's outcome is known.
 */
final class WriteBatcher implements AutoCloseable {

  /** Large enough for every request thread at once, small enough to keep one batch quick. */
  static final int MAX_BATCH = 128;

  private static final Logger LOG = LoggerFactory.getLogger(WriteBatcher.class);

  /** What became of a write in its batch (a failure completes its future exceptionally instead). */
  enum Outcome {
    APPLIED,
    /** It matched no row: no space, or the ticket already exited. */
    UNCHANGED,
    /** The batch could not take it without waiting too long; its caller runs it alone. */
    RUN_ALONE
  }

  /** A queued write and its outcome. */
  record Pending(TicketWrite write, CompletableFuture<Outcome> outcome) {}

  /** Runs a batch; completes the outcome of every write in it. */
  @FunctionalInterface
  interface BatchRunner {
    void run(List<Pending> batch);
  }

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final BatchRunner runner;
  private final WriteBatchListener listener;
  private final Duration answerTimeout;
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param listener told of each batch's size and duration
   * @param answerTimeout how long a caller waits before giving up with 503
   */
  WriteBatcher(
      String threadName, BatchRunner runner, WriteBatchListener listener, Duration answerTimeout) {
    this.runner = runner;
    this.listener = listener;
    this.answerTimeout = answerTimeout;
    this.thread = DaemonThreads.start(threadName, this::runBatches);
  }

  /** Queues the write and waits for its batch's outcome. */
  Outcome apply(TicketWrite write) {
    Pending pending = new Pending(write, new CompletableFuture<>());
    queue.add(pending);
    if (closed && queue.remove(pending)) {
      throw closing();
    }
    try {
      return pending.outcome().get(answerTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure
          ? failure
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException(
          "the database did not answer the write within "
              + answerTimeout.toSeconds()
              + " s; it may still be applied",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for the database", e);
    }
  }

  /** Writes waiting for a batch (not those in the running one). */
  int queued() {
    return queue.size();
  }

  private void runBatches() {
    List<Pending> batch = new ArrayList<>();
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break; // closing
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      run(batch);
      batch.clear();
    }
    failQueued(closing());
  }

  private void run(List<Pending> batch) {
    long started = System.nanoTime();
    try {
      runner.run(batch);
      listener.batchWritten(batch.size(), System.nanoTime() - started);
    } catch (RuntimeException e) {
      LOG.error("write batch of {} failed unexpectedly: {}", batch.size(), e.toString());
      batch.forEach(pending -> pending.outcome().completeExceptionally(e));
    }
    for (Pending pending : batch) {
      if (!pending.outcome().isDone()) {
        pending
            .outcome()
            .completeExceptionally(
                new IllegalStateException("the write batch left this write unanswered"));
      }
      if (failureOf(pending) instanceof StoreUnavailableException unavailable) {
        // The writes queued meanwhile would wait for the same outage: they fail now, not one by
        // one.
        failQueued(unavailable);
        return;
      }
    }
  }

  private static Throwable failureOf(Pending pending) {
    try {
      pending.outcome().join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  private void failQueued(RuntimeException failure) {
    for (Pending pending = queue.poll(); pending != null; pending = queue.poll()) {
      pending.outcome().completeExceptionally(failure);
    }
  }

  private static StoreUnavailableException closing() {
    return new StoreUnavailableException("the store is closing", null);
  }

  /** Stops taking writes; writes still queued fail with 503. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failQueued(closing());
  }
}
