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
    return new IllegalStateException("database error " + e.getSQLState() + ": " + e.getMessage(), e);
  }

  /** SQL state class 08 is a connection exception; PostgreSQL's 57P0x are shutdowns. */
  private static boolean isConnectionState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }
}
