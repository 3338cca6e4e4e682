package dev.parkingoperator.parking.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.parking.domain.LotDefinition;
import dev.parkingoperator.parking.domain.Plate;
import dev.parkingoperator.parking.domain.StoreUnavailableException;
import dev.parkingoperator.parking.domain.Tariff;
import dev.parkingoperator.parking.domain.Ticket;
import dev.parkingoperator.parking.support.TcpProxy;
import dev.parkingoperator.parking.support.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL hanging with its connections open (a TCP proxy that stops forwarding): the ticket
 * writer's statement gives up after the socket timeout, so its callers hear 503 before their own
 * timeout and the writer is free again while the database still hangs; after, writes land again.
 */
class HungDatabaseTest {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  @Test
  void theWriterGivesUpOnAHungDatabaseAndWritesAgainAfter() throws Exception {
    DatabaseSettings schema = TestDatabases.freshPostgresSchema();
    List<Integer> batchesHeard = new CopyOnWriteArrayList<>();
    try (TcpProxy proxy = new TcpProxy(5432)) {
      DatabaseSettings throughProxy =
          new DatabaseSettings(
              schema.url().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()),
              schema.username(),
              null,
              null,
              DatabaseSettings.EXTERNAL_POOL_SIZE,
              CONNECT_TIMEOUT);
      try (Database database = Database.open(throughProxy);
          JdbcParkingStore store =
              JdbcParkingStore.onPostgres(
                  database.dataSource(),
                  (writes, nanos) -> batchesHeard.add(writes),
                  throughProxy.writeTimeout())) {
        store.createLot("hung", new LotDefinition("Hung", 5, new Tariff(100, null, 0)));

        proxy.freeze();
        long started = System.nanoTime();
        assertThatThrownBy(() -> store.openTicket(ticket("FROZEN")))
            .isInstanceOf(StoreUnavailableException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took)
            .as("answered by the socket timeout, not the caller's")
            .isLessThan(throughProxy.writeTimeout());
        // The caller is answered inside the batch; the batch is counted just after it returns.
        await("the writer finished its batch while the database still hangs")
            .atMost(Duration.ofSeconds(1))
            .untilAsserted(() -> assertThat(batchesHeard).hasSize(1));

        proxy.thaw();
        assertThat(store.openTicket(ticket("THAWED")).plate().value()).isEqualTo("THAWED");
        assertThat(store.lot("hung").orElseThrow().occupied())
            .as("the frozen write never committed")
            .isEqualTo(1);
      }
    } finally {
      TestDatabases.dropSchemaOf(schema);
    }
  }

  private static Ticket ticket(String plate) {
    return new Ticket(UUID.randomUUID(), "hung", new Plate(plate), Instant.now(), null, null);
  }
}
