package dev.parkingoperator.parking.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the data lives: an external database when {@code url} is set, else the embedded store in
 * {@code dataDir}.
 *
 * @param url a {@code jdbc:postgresql:} URL, or {@code null} for the embedded store
 * @param connectTimeout how long a request waits for a connection before failing with 503
 */
public record DatabaseSettings(
    String url,
    String username,
    String password,
    Path dataDir,
    int poolSize,
    Duration connectTimeout) {

  /**
   * Embedded sessions are cheap, and lookups run on the I/O threads: enough connections for every
   * thread that can ask at once (Undertow's workers, its I/O threads, the group-commit flusher,
   * probes and scrapes), so a lookup never waits for one.
   */
  public static final int EMBEDDED_POOL_SIZE = 32;

  public static final int EXTERNAL_POOL_SIZE = 10;

  /** PARKING_DB_TIMEOUT_MS's default. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  public DatabaseSettings {
    StoreKind.of(url);
  }

  public static DatabaseSettings embedded(Path dataDir) {
    return new DatabaseSettings(
        null, null, null, dataDir, EMBEDDED_POOL_SIZE, DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * How long a request waits for a write queued behind others (PostgreSQL's batched ticket writes):
   * its own wait for a connection and a few batches before it; past that the database hangs rather
   * than being slow, and the request fails with 503.
   */
  public Duration writeTimeout() {
    return connectTimeout.multipliedBy(5);
  }

  /**
   * How long a statement on PostgreSQL may wait for the server's answer before its connection is
   * given up (pgjdbc's socketTimeout, unless the URL sets its own): a server that hangs without
   * closing connections would otherwise hold a thread forever, the ticket writer among them. Giving
   * up on a TLS connection (Debian's PostgreSQL has ssl on) waits up to the same timeout again for
   * the server's close_notify, so twice this stays shorter than {@link #writeTimeout()}: the writer
   * is free again, and has answered its callers with 503, before they would give up on it.
   */
  public Duration socketTimeout() {
    return connectTimeout.multipliedBy(2);
  }

  public StoreKind store() {
    return StoreKind.of(url);
  }

  /**
   * The JDBC URL to connect to. On the embedded store, writes reach the file through group commit
   * (GroupCommit) before a request is answered, so a killed process loses nothing acknowledged; the
   * file is forced to disk every second (DiskSync), which makes H2's shorter retention safe.
   */
  public String jdbcUrl() {
    if (store() != StoreKind.EMBEDDED) {
      return url;
    }
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve("parking")
        + ";RETENTION_TIME="
        + DiskSync.RETENTION.toMillis();
  }

  /**
   * Safe to log: the embedded path, or the external URL without its query (which may hold secrets).
   */
  public String describe() {
    if (store() == StoreKind.EMBEDDED) {
      return "embedded H2 in " + dataDir.toAbsolutePath();
    }
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + describe() + ", poolSize=" + poolSize + "]";
  }
}
