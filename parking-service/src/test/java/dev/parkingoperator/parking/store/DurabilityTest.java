package dev.parkingoperator.parking.store;

import static dev.parkingoperator.parking.support.ApiClient.lotJson;
import static dev.parkingoperator.parking.support.ApiClient.plateJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.parking.support.ApiClient;
import dev.parkingoperator.parking.support.ApiClient.Reply;
import dev.parkingoperator.parking.support.RunningService;
import dev.parkingoperator.parking.support.ServiceProcess;
import dev.parkingoperator.parking.support.TestDatabases;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What was acknowledged stays: across a clean restart, and across {@code kill -9} under load. */
class DurabilityTest {

  @TempDir Path dataDir;
  @TempDir Path logs;

  @Test
  void lotsAndTicketsSurviveARestart() {
    String ticket;
    try (RunningService before =
        RunningService.start(TestDatabases.embedded(dataDir), Clock.systemUTC())) {
      ApiClient api = before.client();
      api.post("/api/lots", lotJson("kept", 3));
      ticket =
          api.post("/api/lots/kept/entries", plateJson("KEPT1")).json().get("ticketId").asText();
    }

    try (RunningService after =
        RunningService.start(TestDatabases.embedded(dataDir), Clock.systemUTC())) {
      ApiClient api = after.client();
      assertThat(api.get("/api/lots/kept").json().get("occupied").asInt()).isEqualTo(1);
      Reply kept = api.get("/api/tickets/" + ticket);
      assertThat(kept.status()).isEqualTo(200);
      assertThat(kept.json().get("plate").asText()).isEqualTo("KEPT1");
    }
  }

  @Test
  void kill9UnderLoadLosesNoAcknowledgedTicket() throws Exception {
    Map<String, String> env = Map.of("PARKING_DATA_DIR", dataDir.toString());
    List<String> entered = new CopyOnWriteArrayList<>();
    Map<String, Boolean> exited = new ConcurrentHashMap<>();

    try (ServiceProcess service = ServiceProcess.start(env, logs.resolve("first.log"))) {
      ApiClient api = service.client();
      assertThat(api.post("/api/lots", lotJson("busy", 100_000)).status()).isEqualTo(201);
      AtomicBoolean killed = new AtomicBoolean();
      Thread load = new Thread(() -> enterAndExitUntilKilled(api, entered, exited, killed));
      load.start();
      while (entered.size() < 300) {
        Thread.sleep(5);
      }
      service.kill9();
      killed.set(true);
      load.join();
    }

    try (ServiceProcess restarted = ServiceProcess.start(env, logs.resolve("second.log"))) {
      ApiClient api = restarted.client();
      for (String ticket : entered) {
        Reply reply = api.get("/api/tickets/" + ticket);
        assertThat(reply.status()).as("acknowledged ticket %s", ticket).isEqualTo(200);
        if (exited.containsKey(ticket)) {
          assertThat(reply.json().get("status").asText())
              .as("acknowledged exit %s", ticket)
              .isEqualTo("exited");
        }
      }
      int stillParked = entered.size() - exited.size();
      assertThat(api.get("/api/lots/busy").json().get("occupied").asInt())
          .as("no space lost or double-counted (one unacknowledged entry may have committed)")
          .isBetween(stillParked - 1, stillParked + 1);
    }
  }

  /** Enters a car, exits every other one, and records each 201 or 200 as it is answered. */
  private static void enterAndExitUntilKilled(
      ApiClient api, List<String> entered, Map<String, Boolean> exited, AtomicBoolean killed) {
    for (int i = 0; !killed.get(); i++) {
      try {
        Reply entry = api.post("/api/lots/busy/entries", plateJson("K" + i));
        if (entry.status() != 201) {
          continue;
        }
        String ticket = entry.json().get("ticketId").asText();
        entered.add(ticket);
        if (i % 2 == 0 && api.post("/api/tickets/" + ticket + "/exit", "").status() == 200) {
          exited.put(ticket, true);
        }
      } catch (UncheckedIOException connectionLost) {
        return;
      }
    }
  }
}
