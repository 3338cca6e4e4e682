package dev.parkingoperator.parking.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool, with the schema migrated to the newest version before first use. */
public final class Database implements AutoCloseable {

  private final HikariDataSource pool;
  private final GroupCommit groupCommit;
  private final DiskSync diskSync;

  private Database(HikariDataSource pool, GroupCommit groupCommit, DiskSync diskSync) {
    this.pool = pool;
    this.groupCommit = groupCommit;
    this.diskSync = diskSync;
  }

  /** Opens the pool and migrates the schema; fails when the database cannot be reached. */
  public static Database open(DatabaseSettings settings) {
    if (settings.store() == StoreKind.EMBEDDED) {
      createDirectories(settings.dataDir());
    }
    HikariDataSource pool = new HikariDataSource(poolConfig(settings));
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
      if (settings.store() != StoreKind.EMBEDDED) {
        return new Database(pool, null, null);
      }
      return new Database(pool, new GroupCommit(pool), new DiskSync(pool, DiskSync.INTERVAL));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static HikariConfig poolConfig(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("parking-db");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(settings.connectTimeout().toMillis());
    config.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 1000));
    // Start even when the database is briefly away; readiness reports it until it is back.
    config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
    if (settings.store() == StoreKind.POSTGRESQL) {
      // A driver property: a socketTimeout in the URL still wins.
      config.addDataSourceProperty(
          "socketTimeout", Long.toString(settings.socketTimeout().toSeconds()));
    }
    return config;
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath(), e);
    }
  }

  /**
   * From now on the pool reports its connections and timings there (Hikari takes this once, on a
   * running pool too); {@code null} leaves it unmeasured.
   */
  public void reportPoolMetrics(MetricsTrackerFactory poolMetrics) {
    pool.setMetricsTrackerFactory(poolMetrics);
  }

  public DataSource dataSource() {
    return pool;
  }

  /**
   * Waits until the last commit is on disk: group commit on the embedded store, nothing on
   * PostgreSQL (its commit is durable).
   */
  public Runnable afterCommit() {
    return groupCommit == null ? () -> {} : groupCommit::awaitDurable;
  }

  /** Whether a connection can be had and answers within its validation timeout. */
  public boolean isReachable() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (groupCommit != null) {
      groupCommit.close();
    }
    if (diskSync != null) {
      diskSync.close();
    }
    pool.close();
  }
}
