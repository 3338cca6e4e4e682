package dev.parkingoperator.parking.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one transaction on a pooled connection: commit on return, roll back on any throw.
 */
final class Transactions {

  /** Work that needs a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final Runnable afterCommit;

  /**
   * @param afterCommit waits until a commit is durable (group commit), or does nothing
   */
  Transactions(DataSource dataSource, Runnable afterCommit) {
    this.dataSource = dataSource;
    this.afterCommit = afterCommit;
  }

  <T> T inTransaction(Work<T> work) {
    T result;
    try {
      result = inTransactionOrSqlError(work);
    } catch (SQLException e) {
      throw StoreErrors.translate(e);
    }
    afterCommit.run(); // after the connection is back in the pool, so the flusher can take one
    return result;
  }

  /**
   * Like {@link #inTransaction} without the wait for durability, and with the database's error as
   * it came.
   */
  <T> T inTransactionOrSqlError(Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    }
  }

  /** A read of one statement needs no transaction of its own. */
  <T> T read(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw StoreErrors.translate(e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
