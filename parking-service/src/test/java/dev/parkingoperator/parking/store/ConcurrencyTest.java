package dev.parkingoperator.parking.store;

import static dev.parkingoperator.parking.support.ApiClient.lotJson;
import static dev.parkingoperator.parking.support.ApiClient.plateJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.parking.support.ApiClient;
import dev.parkingoperator.parking.support.ApiClient.Reply;
import dev.parkingoperator.parking.support.RunningService;
import dev.parkingoperator.parking.support.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that racing requests could break, held by the database: many parallel entries into a small
 * lot, one plate entering many times at once, one ticket exiting many times at once. On PostgreSQL
 * also with two service instances (two pools, nothing shared in memory) on one database.
 */
class ConcurrencyTest {

  private static final int CAPACITY = 7;
  private static final int ATTEMPTS = 60;

  @TempDir Path dataDir;

  @Test
  void embeddedStoreHoldsTheRules() throws Exception {
    try (RunningService service =
        RunningService.start(TestDatabases.embedded(dataDir), Clock.systemUTC())) {
      assertRulesHold(List.of(service.client()));
    }
  }

  @Test
  void postgresHoldsTheRules() throws Exception {
    DatabaseSettings database = TestDatabases.freshPostgresSchema();
    try (RunningService service = RunningService.start(database, Clock.systemUTC())) {
      assertRulesHold(List.of(service.client()));
    } finally {
      TestDatabases.dropSchemaOf(database);
    }
  }

  @Test
  void twoInstancesOnOnePostgresHoldTheRules() throws Exception {
    DatabaseSettings database = TestDatabases.freshPostgresSchema();
    try (RunningService first = RunningService.start(database, Clock.systemUTC());
        RunningService second = RunningService.start(database, Clock.systemUTC())) {
      assertRulesHold(List.of(first.client(), second.client()));
    } finally {
      TestDatabases.dropSchemaOf(database);
    }
  }

  private static void assertRulesHold(List<ApiClient> instances) throws Exception {
    ApiClient any = instances.get(0);
    assertThat(any.post("/api/lots", lotJson("race", CAPACITY)).status()).isEqualTo(201);

    Map<Integer, Long> entries =
        statusCounts(
            inParallel(
                i ->
                    instances
                        .get(i % instances.size())
                        .post("/api/lots/race/entries", plateJson("CAR" + i))));
    assertThat(entries)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(201, (long) CAPACITY, 409, (long) ATTEMPTS - CAPACITY));
    assertThat(any.get("/api/lots/race").json().get("occupied").asInt()).isEqualTo(CAPACITY);

    any.post("/api/lots", lotJson("same-plate", CAPACITY));
    Map<Integer, Long> samePlate =
        statusCounts(
            inParallel(
                i ->
                    instances
                        .get(i % instances.size())
                        .post("/api/lots/same-plate/entries", plateJson("ONE1"))));
    assertThat(samePlate)
        .containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, (long) ATTEMPTS - 1));
    assertThat(any.get("/api/lots/same-plate").json().get("occupied").asInt()).isEqualTo(1);

    any.post("/api/lots", lotJson("exit-race", 1));
    String ticket =
        any.post("/api/lots/exit-race/entries", plateJson("LEAVER"))
            .json()
            .get("ticketId")
            .asText();
    Map<Integer, Long> exits =
        statusCounts(
            inParallel(
                i ->
                    instances
                        .get(i % instances.size())
                        .post("/api/tickets/" + ticket + "/exit", "")));
    assertThat(exits).containsExactlyInAnyOrderEntriesOf(Map.of(200, 1L, 409, (long) ATTEMPTS - 1));
    assertThat(any.get("/api/lots/exit-race").json().get("occupied").asInt()).isZero();

    assertEntriesExitsAndLotChangesInterleave(instances);
  }

  /**
   * Entries, exits and lot changes on one lot at once: each write locks rows in its own order, so a
   * deadlock (500) or a lost update would show here; every space is accounted for afterwards.
   */
  private static void assertEntriesExitsAndLotChangesInterleave(List<ApiClient> instances)
      throws Exception {
    ApiClient any = instances.get(0);
    int capacity = 30;
    any.post("/api/lots", lotJson("mixed", capacity));
    List<String> parked = new ArrayList<>();
    for (int i = 0; i < ATTEMPTS / 3; i++) {
      parked.add(
          any.post("/api/lots/mixed/entries", plateJson("OLD" + i))
              .json()
              .get("ticketId")
              .asText());
    }
    List<Reply> replies =
        inParallel(
            i -> {
              ApiClient client = instances.get(i % instances.size());
              return switch (i % 3) {
                case 0 -> client.post("/api/tickets/" + parked.get(i / 3) + "/exit", "");
                case 1 -> client.post("/api/lots/mixed/entries", plateJson("NEW" + i));
                default -> client.put("/api/lots/mixed", lotJson("mixed", capacity));
              };
            });
    Map<Integer, Long> byStatus = statusCounts(replies);
    assertThat(byStatus.keySet()).isSubsetOf(200, 201, 409);
    assertThat(byStatus.get(200)).isEqualTo(2L * ATTEMPTS / 3); // every exit and every lot change
    long newlyParked = byStatus.getOrDefault(201, 0L);
    assertThat(any.get("/api/lots/mixed").json().get("occupied").asLong()).isEqualTo(newlyParked);
  }

  private static List<Reply> inParallel(IntFunction<Reply> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(24);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Callable<Reply>> calls = new ArrayList<>();
      for (int i = 0; i < ATTEMPTS; i++) {
        int n = i;
        calls.add(
            () -> {
              start.await();
              return request.apply(n);
            });
      }
      List<Future<Reply>> futures = new ArrayList<>();
      for (Callable<Reply> call : calls) {
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> future : futures) {
        replies.add(future.get());
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<Integer, Long> statusCounts(List<Reply> replies) {
    return replies.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
  }
}
