package dev.parkingoperator.parking.http;

import static dev.parkingoperator.parking.support.ApiClient.lotJson;
import static dev.parkingoperator.parking.support.ApiClient.plateJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.parking.store.DatabaseSettings;
import dev.parkingoperator.parking.support.ApiClient;
import dev.parkingoperator.parking.support.ApiClient.Reply;
import dev.parkingoperator.parking.support.MutableClock;
import dev.parkingoperator.parking.support.RunningService;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API over real HTTP, the same for every store. One service per class; each test works on lots
 * of its own, so tests never see each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ParkingApiContract {

  private static final AtomicInteger LOT_NUMBER = new AtomicInteger();

  protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private RunningService service;
  protected ApiClient api;

  /** The store this run exercises. */
  protected abstract DatabaseSettings database();

  protected void afterService() {}

  @BeforeAll
  void startService() {
    service = RunningService.start(database(), clock);
    api = service.client();
  }

  @AfterAll
  void stopService() {
    if (service != null) {
      service.close();
    }
    afterService();
  }

  private String newLot(int capacity) {
    String id = "lot-" + LOT_NUMBER.incrementAndGet();
    assertThat(api.post("/api/lots", lotJson(id, capacity)).status()).isEqualTo(201);
    return id;
  }

  private String enter(String lotId, String plate) {
    Reply entry = api.post("/api/lots/" + lotId + "/entries", plateJson(plate));
    assertThat(entry.status()).as(entry.raw().body()).isEqualTo(201);
    return entry.json().get("ticketId").asText();
  }

  @Test
  void createsALotAndShowsItsOccupancy() {
    Reply created =
        api.post(
            "/api/lots",
            "{\"id\":\"harbour-1\",\"name\":\"Harbour\",\"capacity\":40,\"hourlyRateCents\":300}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/lots/harbour-1");
    assertThat(created.raw().headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(created.json().toString())
        .isEqualTo(
            "{\"id\":\"harbour-1\",\"name\":\"Harbour\",\"capacity\":40,\"hourlyRateCents\":300,"
                + "\"graceMinutes\":0,\"occupied\":0,\"available\":40}");

    enter("harbour-1", "HB1");
    Reply lot = api.get("/api/lots/harbour-1");
    assertThat(lot.status()).isEqualTo(200);
    assertThat(lot.json().get("occupied").asInt()).isEqualTo(1);
    assertThat(lot.json().get("available").asInt()).isEqualTo(39);
  }

  @Test
  void listsLotsInIdOrder() {
    String first = newLot(3);
    String second = newLot(5);

    Reply lots = api.get("/api/lots");

    assertThat(lots.status()).isEqualTo(200);
    assertThat(lots.json().findValuesAsText("id")).containsSubsequence(first, second);
  }

  @Test
  void refusesASecondLotWithTheSameId() {
    String id = newLot(3);

    Reply again = api.post("/api/lots", lotJson(id, 9));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo("lot_exists");
    assertThat(api.get("/api/lots/" + id).json().get("capacity").asInt()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\":\"A\",\"capacity\":1,\"hourlyRateCents\":1}|id is required",
        "{\"id\":\"Bad_Id\",\"name\":\"A\",\"capacity\":1,\"hourlyRateCents\":1}|id must be 1..63",
        "{\"id\":7,\"name\":\"A\",\"capacity\":1,\"hourlyRateCents\":1}|id must be a string",
        "{\"id\":\"v1\",\"capacity\":1,\"hourlyRateCents\":1}|name is required",
        "{\"id\":\"v1\",\"name\":\" \",\"capacity\":1,\"hourlyRateCents\":1}|name must not be"
            + " blank",
        "{\"id\":\"v1\",\"name\":\"A\",\"hourlyRateCents\":1}|capacity is required",
        "{\"id\":\"v1\",\"name\":\"A\",\"capacity\":0,\"hourlyRateCents\":1}|capacity must be"
            + " between 1 and 100000, got 0",
        "{\"id\":\"v1\",\"name\":\"A\",\"capacity\":100001,\"hourlyRateCents\":1}|capacity must be"
            + " between 1 and 100000",
        "{\"id\":\"v1\",\"name\":\"A\",\"capacity\":1.5,\"hourlyRateCents\":1}|capacity must be an"
            + " integer",
        "{\"id\":\"v1\",\"name\":\"A\",\"capacity\":\"3\",\"hourlyRateCents\":1}|capacity must be"
            + " an integer",
        "{\"id\":\"v1\",\"name\":\"A\",\"capacity\":1}|hourlyRateCents is required",
        "{\"id\":\"v1\",\"name\":\"A\",\"capacity\":1,\"hourlyRateCents\":-1}|hourlyRateCents must"
            + " be between 0",
        "{\"id\":\"v1\",\"name\":\"A\",\"capacity\":1,\"hourlyRateCents\":1,\"dailyMaxCents\":-5}|dailyMaxCents"
            + " must be between 0",
        "{\"id\":\"v1\",\"name\":\"A\",\"capacity\":1,\"hourlyRateCents\":1,\"graceMinutes\":true}|graceMinutes"
            + " must be an integer",
        "{\"id\":\"v1\",\"name\":\"A\",\"capacity\":1,\"hourlyRateCents\":1,\"colour\":\"red\"}|unknown"
            + " field 'colour'",
        "[1,2]|the body must be a JSON object",
      })
  void refusesABadLotNamingTheField(String body, String message) {
    Reply reply = api.post("/api/lots", body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).isEqualTo("invalid_field");
    assertThat(reply.message()).contains(message);
    assertThat(api.get("/api/lots/v1").status()).as("nothing was written").isEqualTo(404);
  }

  @Test
  void refusesMalformedJson() {
    Reply reply = api.post("/api/lots", "{\"id\":\"x\",");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).isEqualTo("malformed_json");
  }

  @Test
  void refusesDuplicateKeys() {
    Reply reply =
        api.post(
            "/api/lots",
            "{\"id\":\"dup\",\"id\":\"dup2\",\"name\":\"A\",\"capacity\":1,\"hourlyRateCents\":1}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).isEqualTo("malformed_json");
    assertThat(reply.message()).contains("Duplicate field 'id'");
  }

  @Test
  void refusesABodyThatIsNotJson() {
    Reply reply =
        api.send(
            HttpRequest.newBuilder(api.uri("/api/lots"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(lotJson("plain", 1))));

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.error()).isEqualTo("unsupported_media_type");
    assertThat(api.get("/api/lots/plain").status()).isEqualTo(404);
  }

  @Test
  void acceptsJsonWithACharset() {
    Reply reply =
        api.send(
            HttpRequest.newBuilder(api.uri("/api/lots"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(lotJson("charset", 1))));

    assertThat(reply.status()).isEqualTo(201);
  }

  @Test
  void refusesABodyOver64KiB() {
    String padding = "x".repeat(64 * 1024);
    Reply reply = api.post("/api/lots", "{\"id\":\"big\",\"name\":\"" + padding + "\"}");

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.error()).isEqualTo("payload_too_large");
  }

  @Test
  void refusesAChunkedBodyOver64KiB() {
    byte[] body = ("{\"id\":\"chunked\",\"name\":\"" + "x".repeat(64 * 1024) + "\"}").getBytes();
    Reply reply =
        api.send(
            HttpRequest.newBuilder(api.uri("/api/lots"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.error()).isEqualTo("payload_too_large");
    assertThat(api.get("/api/lots/chunked").status()).isEqualTo(404);
  }

  @Test
  void answersUnknownRoutesAndMethodsWithJson() {
    Reply unknown = api.get("/api/garages");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("not_found");

    Reply wrongMethod =
        api.send(
            HttpRequest.newBuilder(api.uri("/api/lots"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.error()).isEqualTo("method_not_allowed");
  }

  @Test
  void answersUnknownLotsAndTicketsWith404() {
    assertThat(api.get("/api/lots/nowhere").error()).isEqualTo("lot_not_found");
    assertThat(api.delete("/api/lots/nowhere").error()).isEqualTo("lot_not_found");
    assertThat(api.put("/api/lots/nowhere", lotJson("nowhere", 2)).error())
        .isEqualTo("lot_not_found");
    assertThat(api.post("/api/lots/nowhere/entries", plateJson("AB1")).error())
        .isEqualTo("lot_not_found");
    assertThat(api.get("/api/tickets/6f1d2c1e-0000-4000-8000-000000000000").error())
        .isEqualTo("ticket_not_found");
    assertThat(api.get("/api/tickets/not-a-uuid").status()).isEqualTo(404);
    assertThat(api.post("/api/tickets/not-a-uuid/exit", "").status()).isEqualTo(404);
  }

  @Test
  void updatesNameCapacityAndRates() {
    String id = newLot(5);

    Reply updated =
        api.put(
            "/api/lots/" + id,
            "{\"name\":\"Renamed\",\"capacity\":8,\"hourlyRateCents\":90,\"graceMinutes\":5}");

    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("name").asText()).isEqualTo("Renamed");
    assertThat(updated.json().get("capacity").asInt()).isEqualTo(8);
    assertThat(updated.json().get("hourlyRateCents").asLong()).isEqualTo(90);
    assertThat(updated.json().has("dailyMaxCents")).as("PUT replaces: cap cleared").isFalse();
    assertThat(api.get("/api/lots/" + id).json()).isEqualTo(updated.json());
  }

  @Test
  void refusesToChangeTheIdOnUpdate() {
    String id = newLot(5);

    Reply reply = api.put("/api/lots/" + id, lotJson("other-id", 5));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).contains("id cannot change");
  }

  @Test
  void neverShrinksCapacityBelowOccupancy() {
    String id = newLot(3);
    enter(id, "CAP1");
    enter(id, "CAP2");

    Reply shrink = api.put("/api/lots/" + id, lotJson(id, 1));
    assertThat(shrink.status()).isEqualTo(409);
    assertThat(shrink.error()).isEqualTo("capacity_below_occupancy");
    assertThat(api.get("/api/lots/" + id).json().get("capacity").asInt()).isEqualTo(3);

    assertThat(api.put("/api/lots/" + id, lotJson(id, 2)).status()).isEqualTo(200);
  }

  @Test
  void deletesALotOnlyWhenEmpty() {
    String id = newLot(2);
    String ticket = enter(id, "DEL1");

    Reply refused = api.delete("/api/lots/" + id);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error()).isEqualTo("lot_not_empty");

    assertThat(api.post("/api/tickets/" + ticket + "/exit", "").status()).isEqualTo(200);
    assertThat(api.delete("/api/lots/" + id).status()).isEqualTo(204);
    assertThat(api.get("/api/lots/" + id).status()).isEqualTo(404);
    assertThat(api.get("/api/tickets/" + ticket).status())
        .as("its tickets went with it")
        .isEqualTo(404);
  }

  @Test
  void issuesATicketWithTheNormalisedPlate() {
    String id = newLot(2);

    Reply entry = api.post("/api/lots/" + id + "/entries", plateJson(" ab-12 cd "));

    assertThat(entry.status()).isEqualTo(201);
    assertThat(entry.json().get("plate").asText()).isEqualTo("AB12CD");
    assertThat(entry.json().get("lotId").asText()).isEqualTo(id);
    assertThat(entry.json().get("enteredAt").asText()).isEqualTo(clock.instant().toString());
    assertThat(entry.json().get("ticketId").asText()).hasSize(36);
    assertThat(entry.raw().headers().firstValue("Location"))
        .hasValue("/api/tickets/" + entry.json().get("ticketId").asText());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|plate is required",
        "{\"plate\":12}|plate must be a string",
        "{\"plate\":\"--\"}|plate must be 1..16 letters or digits",
        "{\"plate\":\"ABCDEFGHJKLMNPQRS\"}|plate must be 1..16 letters or digits",
        "{\"plate\":\"AB_12\"}|plate must be 1..16 letters or digits",
      })
  void refusesABadPlate(String body, String message) {
    String id = newLot(2);

    Reply reply = api.post("/api/lots/" + id + "/entries", body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).contains(message);
    assertThat(api.get("/api/lots/" + id).json().get("occupied").asInt()).isZero();
  }

  @Test
  void refusesEntryWhenTheLotIsFull() {
    String id = newLot(2);
    enter(id, "FULL1");
    enter(id, "FULL2");

    Reply third = api.post("/api/lots/" + id + "/entries", plateJson("FULL3"));

    assertThat(third.status()).isEqualTo(409);
    assertThat(third.error()).isEqualTo("lot_full");
    assertThat(api.get("/api/lots/" + id).json().get("occupied").asInt()).isEqualTo(2);
  }

  @Test
  void refusesAPlateAlreadyParkedInTheLot() {
    String id = newLot(5);
    enter(id, "TWICE1");

    Reply again = api.post("/api/lots/" + id + "/entries", plateJson("twice-1"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo("already_parked");
    assertThat(api.get("/api/lots/" + id).json().get("occupied").asInt()).isEqualTo(1);
  }

  @Test
  void reportsAlreadyParkedEvenWhenTheLotIsFull() {
    String id = newLot(1);
    enter(id, "ONLY1");

    assertThat(api.post("/api/lots/" + id + "/entries", plateJson("ONLY1")).error())
        .isEqualTo("already_parked");
  }

  @Test
  void thePlateMayParkAgainAfterExit() {
    String id = newLot(1);
    String ticket = enter(id, "AGAIN1");
    api.post("/api/tickets/" + ticket + "/exit", "");

    assertThat(api.post("/api/lots/" + id + "/entries", plateJson("AGAIN1")).status())
        .isEqualTo(201);
  }

  @Test
  void quotesTheFeeWhileParkedAndChargesItOnExit() {
    String id = newLot(3);
    Instant enteredAt = clock.instant();
    String ticket = enter(id, "FEE1");

    clock.advance(Duration.ofMinutes(10));
    Reply withinGrace = api.get("/api/tickets/" + ticket);
    assertThat(withinGrace.json().get("feeCents").asLong()).isZero();
    assertThat(withinGrace.json().get("status").asText()).isEqualTo("parked");

    clock.advance(Duration.ofHours(2)); // 2h10m in all: three started hours
    Reply quote = api.get("/api/tickets/" + ticket);
    assertThat(quote.json().get("feeCents").asLong()).isEqualTo(750);
    assertThat(quote.json().has("exitedAt")).isFalse();

    Reply exit = api.post("/api/tickets/" + ticket + "/exit", "");
    assertThat(exit.status()).isEqualTo(200);
    assertThat(exit.json().get("feeCents").asLong()).isEqualTo(750);
    assertThat(exit.json().get("status").asText()).isEqualTo("exited");
    assertThat(exit.json().get("enteredAt").asText()).isEqualTo(enteredAt.toString());
    assertThat(exit.json().get("exitedAt").asText()).isEqualTo(clock.instant().toString());
    assertThat(api.get("/api/lots/" + id).json().get("occupied").asInt()).isZero();

    clock.advance(Duration.ofDays(3));
    Reply later = api.get("/api/tickets/" + ticket);
    assertThat(later.json().get("feeCents").asLong()).as("the final fee stays").isEqualTo(750);
  }

  @Test
  void capsEachStartedDayAtTheDailyMaximum() {
    String id = newLot(3);
    String ticket = enter(id, "DAY1");

    clock.advance(Duration.ofHours(26));

    assertThat(api.post("/api/tickets/" + ticket + "/exit", "").json().get("feeCents").asLong())
        .isEqualTo(2500);
  }

  @Test
  void refusesASecondExit() {
    String id = newLot(3);
    String ticket = enter(id, "EXIT2");
    assertThat(api.post("/api/tickets/" + ticket + "/exit", "").status()).isEqualTo(200);

    Reply again = api.post("/api/tickets/" + ticket + "/exit", "");

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo("already_exited");
    assertThat(api.get("/api/lots/" + id).json().get("occupied").asInt()).isZero();
  }
}
