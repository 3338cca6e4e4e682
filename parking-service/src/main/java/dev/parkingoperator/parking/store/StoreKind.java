package dev.parkingoperator.parking.store;

/** Where the service keeps its data: one of the two stores it is built and tested for. */
public enum StoreKind {
  /** H2 in a local directory: the default, needing nothing else. */
  EMBEDDED,
  /** An external PostgreSQL server, shared by every instance. */
  POSTGRESQL;

  /** The JDBC URLs of the external store; anything else is refused at start. */
  public static final String POSTGRESQL_URL_PREFIX = "jdbc:postgresql:";

  /** The store a configured URL names ({@code null}: embedded); refuses any other database. */
  public static StoreKind of(String url) {
    if (url == null) {
      return EMBEDDED;
    }
    if (url.startsWith(POSTGRESQL_URL_PREFIX)) {
      return POSTGRESQL;
    }
    // Nothing of the value is repeated: a URL can carry a password.
    throw new IllegalArgumentException(
        "must be a "
            + POSTGRESQL_URL_PREFIX
            + " URL (unset: the embedded store); the value given is not shown, as it may carry"
            + " credentials");
  }
}
