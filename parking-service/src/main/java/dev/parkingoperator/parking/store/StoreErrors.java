package dev.parkingoperator.parking.store;

import dev.parkingoperator.parking.domain.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Reads what a database error means for the caller. */
final class StoreErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private StoreErrors() {}

  static boolean isUniqueViolation(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  /**
   * A rule of the data broken (SQL state class 23: unique, check, foreign key) or the transaction
   * rolled back by the database (class 40: deadlock, serialization): another try of the same
   * writes, alone, can succeed or explain itself.
   */
  static boolean isRuleViolation(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("23") || state.startsWith("40"));
  }

  /**
   * Connection failures become {@link StoreUnavailableException} (503, retry later); anything else
   * is unexpected and stays an internal error.
   */
  static RuntimeException translate(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException) {
        return new StoreUnavailableException("no database connection available", e);
      }
      if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
        return new StoreUnavailableException("database connection failed", e);
      }
    }
    return new IllegalStateException(
        "database error " + e.getSQLState() + ": " + e.getMessage(), e);
  }

  /** SQL state class 08 is a connection exception; PostgreSQL's 57P0x are shutdowns. */
  private static boolean isConnectionState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }
}
