package dev.parkingoperator.parking.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.parking.support.Intercepting;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's file is forced to disk on a timer, and H2 keeps dead chunks for longer. */
class DiskSyncTest {

  private static final Duration FAST = Duration.ofMillis(50);

  @TempDir Path dataDir;

  private final List<String> executed = new CopyOnWriteArrayList<>();

  @Test
  void syncsEveryIntervalAndOnceMoreOnClose() throws Exception {
    DiskSync sync = new DiskSync(recording(h2(), new AtomicInteger()), FAST);
    awaitSyncs(3);
    sync.close();
    int afterClose = executed.size();
    Thread.sleep(FAST.multipliedBy(4).toMillis());

    assertThat(executed).containsOnly("CHECKPOINT SYNC");
    assertThat(executed).as("no sync after close").hasSize(afterClose);
  }

  @Test
  void keepsSyncingAfterTheStoreFailed() throws Exception {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    try (DiskSync sync = new DiskSync(recording(h2(), failuresLeft), FAST)) {
      awaitSyncs(1);
    }
    assertThat(failuresLeft).hasValue(0);
  }

  @Test
  void embeddedStoreReusesSpaceOnlyAfterSeveralSyncs() throws SQLException {
    try (Database database = Database.open(DatabaseSettings.embedded(dataDir));
        Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet setting =
            statement.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME ="
                    + " 'RETENTION_TIME'")) {
      assertThat(setting.next()).isTrue();
      long retentionMillis = Long.parseLong(setting.getString(1));
      assertThat(retentionMillis).isEqualTo(DiskSync.RETENTION.toMillis());
      assertThat(retentionMillis).isGreaterThanOrEqualTo(3 * DiskSync.INTERVAL.toMillis());
    }
  }

  private void awaitSyncs(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (executed.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(executed).hasSizeGreaterThanOrEqualTo(count);
  }

  private JdbcDataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dataDir.resolve("sync"));
    return h2;
  }

  /** Records each statement executed; the first {@code failures} connections are refused. */
  private DataSource recording(JdbcDataSource h2, AtomicInteger failures) {
    return Intercepting.proxy(
        DataSource.class,
        h2,
        (method, args, call) -> {
          if (method.getName().equals("getConnection")
              && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SQLException("refused by the test");
          }
          Object result = call.proceed();
          return result instanceof Connection connection
              ? recording(Connection.class, connection)
              : result;
        });
  }

  private <T> T recording(Class<T> type, T target) {
    return Intercepting.proxy(
        type,
        target,
        (method, args, call) -> {
          if (method.getName().equals("execute") && args != null && args[0] instanceof String sql) {
            executed.add(sql);
          }
          Object result = call.proceed();
          return result instanceof Statement statement
              ? recording(Statement.class, statement)
              : result;
        });
  }
}
