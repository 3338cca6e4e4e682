package dev.parkingoperator.parking.support;

import static org.junit.jupiter.api.Assertions.fail;

import dev.parkingoperator.parking.store.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for tests: the embedded store in a temporary directory, or a fresh schema on the
 * PostgreSQL server at 127.0.0.1:5432 (trust auth, database {@code test}). Without that server the
 * PostgreSQL tests are skipped on a developer machine and fail under CI, where it must exist.
 */
public final class TestDatabases {

  public static final String POSTGRES_URL =
      System.getProperty("parking.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String POSTGRES_USER = "postgres";

  private TestDatabases() {}

  public static DatabaseSettings embedded(Path dir) {
    return DatabaseSettings.embedded(dir);
  }

  /** PostgreSQL at {@code url} with the service's default pool and timeouts. */
  public static DatabaseSettings external(String url, String username, String password) {
    return new DatabaseSettings(
        url,
        username,
        password,
        null,
        DatabaseSettings.EXTERNAL_POOL_SIZE,
        DatabaseSettings.DEFAULT_CONNECT_TIMEOUT);
  }

  /** A new empty schema, so test runs and test classes never see each other's rows. */
  public static DatabaseSettings freshPostgresSchema() {
    requirePostgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("CREATE SCHEMA " + schema);
    return external(
        POSTGRES_URL + "?currentSchema=" + schema.toLowerCase(Locale.ROOT), POSTGRES_USER, null);
  }

  public static void dropSchemaOf(DatabaseSettings settings) {
    String url = settings.url();
    String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static void requirePostgres() {
    try (Connection ignored = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null)) {
      // reachable
    } catch (SQLException e) {
      String message =
          "PostgreSQL is not reachable at "
              + POSTGRES_URL
              + " as user postgres ("
              + e.getMessage()
              + "); install and start it (Debian: apt-get install postgresql) to run these tests";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI requires PostgreSQL: " + message);
      }
      Assumptions.abort(message);
    }
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on PostgreSQL", e);
    }
  }
}
