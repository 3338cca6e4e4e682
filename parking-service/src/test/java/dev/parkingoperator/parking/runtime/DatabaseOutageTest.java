package dev.parkingoperator.parking.runtime;

import static dev.parkingoperator.parking.support.ApiClient.lotJson;
import static dev.parkingoperator.parking.support.ApiClient.plateJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.parking.store.DatabaseSettings;
import dev.parkingoperator.parking.support.ApiClient;
import dev.parkingoperator.parking.support.ApiClient.Reply;
import dev.parkingoperator.parking.support.RunningService;
import dev.parkingoperator.parking.support.TcpProxy;
import dev.parkingoperator.parking.support.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away (through a proxy the test cuts) and given back: requests fail fast with a
 * JSON 503, readiness goes DOWN, and both recover by themselves with nothing lost.
 */
class DatabaseOutageTest {

  @Test
  void failsFastWhileTheDatabaseIsAwayAndRecovers() throws Exception {
    DatabaseSettings schema = TestDatabases.freshPostgresSchema();
    try (TcpProxy proxy = new TcpProxy(5432)) {
      DatabaseSettings throughProxy =
          TestDatabases.external(
              schema.url().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()),
              schema.username(),
              null);
      try (RunningService service = RunningService.start(throughProxy, Clock.systemUTC())) {
        ApiClient api = service.client();
        ApiClient telemetry = service.telemetry();
        assertThat(api.post("/api/lots", lotJson("outage", 5)).status()).isEqualTo(201);
        String ticket =
            api.post("/api/lots/outage/entries", plateJson("O1")).json().get("ticketId").asText();

        proxy.cut();

        long started = System.nanoTime();
        Reply during = api.get("/api/lots/outage");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(during.status()).isEqualTo(503);
        assertThat(during.error()).isEqualTo("unavailable");
        assertThat(took)
            .as("bounded by the pool's connection timeout")
            .isLessThan(Duration.ofSeconds(5));

        started = System.nanoTime();
        Reply entryDuring = api.post("/api/lots/outage/entries", plateJson("O2"));
        took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(entryDuring.status()).isEqualTo(503);
        assertThat(entryDuring.error()).isEqualTo("unavailable");
        assertThat(took)
            .as("a queued write too is bounded by the connection timeout")
            .isLessThan(Duration.ofSeconds(5));
        await("readiness DOWN")
            .atMost(Duration.ofSeconds(15))
            .until(() -> telemetry.getText("/health/ready").statusCode() == 503);
        assertThat(telemetry.getText("/health/ready").body())
            .contains("\"database\":\"unreachable\"");

        proxy.restore();

        await("readiness UP again")
            .atMost(Duration.ofSeconds(15))
            .until(() -> telemetry.getText("/health/ready").statusCode() == 200);
        await("API answering again")
            .atMost(Duration.ofSeconds(15))
            .until(() -> api.get("/api/lots/outage").status() == 200);
        assertThat(api.get("/api/tickets/" + ticket).status()).isEqualTo(200);
        assertThat(api.get("/api/lots/outage").json().get("occupied").asInt()).isEqualTo(1);
      }
    } finally {
      TestDatabases.dropSchemaOf(schema);
    }
  }
}
