package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.concurrent.DaemonThreads;
import dev.parkingoperator.parking.domain.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the embedded store: a committed write waits until a CHECKPOINT has written it to
 * the file, and one CHECKPOINT covers every commit made before it started. Durable against kill -9
 * like a write per commit, at a fraction of the writes under concurrency.
 */
final class GroupCommit implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final DataSource dataSource;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition flushedChanged = lock.newCondition();
  private final Thread flusher;
  private long requested;
  private long flushed;
  private volatile boolean closed;

  GroupCommit(DataSource dataSource) {
    this.dataSource = dataSource;
    this.flusher = DaemonThreads.start("group-commit", this::flushLoop);
  }

  /** Call after a write transaction committed; returns once it is in the file. */
  void awaitDurable() {
    lock.lock();
    try {
      long ticket = ++requested;
      work.signal();
      long nanos = WAIT_NANOS;
      while (flushed < ticket) {
        if (nanos <= 0 || closed) {
          throw new StoreUnavailableException(
              "the embedded store did not write the commit to disk", null);
        }
        nanos = flushedChanged.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException(
          "interrupted while waiting for the commit to reach disk", e);
    } finally {
      lock.unlock();
    }
  }

  private void flushLoop() {
    while (!closed) {
      long target;
      lock.lock();
      try {
        while (requested == flushed && !closed) {
          work.awaitUninterruptibly();
        }
        target = requested;
      } finally {
        lock.unlock();
      }
      if (closed) {
        return;
      }
      if (checkpoint()) {
        lock.lock();
        try {
          flushed = target;
          flushedChanged.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** Every commit made before this call is in the file when it returns true. */
  private boolean checkpoint() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
      return true;
    } catch (SQLException e) {
      LOG.warn("checkpoint failed, retrying: {}", e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      work.signalAll();
      flushedChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
