package dev.parkingoperator.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.RoutingHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wrapper on a real Undertow listener, read back from the registry. */
class HttpServerMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch slowStarted = new CountDownLatch(1);
  private Undertow server;
  private String base;

  @BeforeEach
  void start() {
    RoutingHandler routes =
        Handlers.routing()
            .get("/items/{id}", exchange -> exchange.getResponseSender().send("item"))
            .post(
                "/items",
                exchange -> {
                  exchange.setStatusCode(201);
                  exchange.getResponseSender().send("created!");
                })
            .get(
                "/slow",
                exchange -> {
                  exchange.dispatch(
                      () -> {
                        slowStarted.countDown();
                        try {
                          release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        exchange.getResponseSender().send("done");
                      });
                });
    routes.setFallbackHandler(exchange -> exchange.setStatusCode(404).endExchange());
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(new HttpServerMetrics(routes, registry))
            .build();
    server.start();
    base =
        "http://127.0.0.1:"
            + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop();
  }

  private int get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void labelsRequestsWithTheRouteTemplateNotThePath() throws Exception {
    get("/items/a");
    get("/items/b");
    get("/items/c");

    // Recorded when the exchange completes, just after the client has its answer.
    await()
        .untilAsserted(
            () -> {
              Timer timer =
                  registry
                      .get("http.server.requests")
                      .tags(
                          "route",
                          "/items/{id}",
                          "method",
                          "GET",
                          "status",
                          "200",
                          "outcome",
                          "SUCCESS")
                      .timer();
              assertThat(timer.count()).isEqualTo(3);
            });
    assertThat(registry.find("http.server.requests").timers()).hasSize(1);
  }

  @Test
  void measuresHowLongARequestTook() throws Exception {
    var pending =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/slow")).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
    long heldNanos = System.nanoTime();
    Thread.sleep(200); // the handler holds the request this long
    release.countDown();
    pending.get(10, TimeUnit.SECONDS);
    long upperBoundNanos = System.nanoTime() - heldNanos + TimeUnit.SECONDS.toNanos(1);

    await()
        .untilAsserted(
            () -> {
              Timer timer = registry.get("http.server.requests").tags("route", "/slow").timer();
              assertThat(timer.count()).isEqualTo(1);
              assertThat(timer.totalTime(TimeUnit.NANOSECONDS))
                  .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200))
                  .isLessThan(upperBoundNanos);
            });
  }

  @Test
  void collapsesUnknownPaths() throws Exception {
    get("/nope/1");
    get("/nope/2");

    await()
        .untilAsserted(
            () -> {
              Timer timer =
                  registry
                      .get("http.server.requests")
                      .tags("route", "NOT_FOUND", "status", "404")
                      .timer();
              assertThat(timer.count()).isEqualTo(2);
              assertThat(timer.getId().getTag("outcome")).isEqualTo("CLIENT_ERROR");
            });
  }

  @Test
  void countsRequestAndResponseBodyBytes() throws Exception {
    http.send(
        HttpRequest.newBuilder(URI.create(base + "/items"))
            .POST(HttpRequest.BodyPublishers.ofString("0123456789"))
            .build(),
        HttpResponse.BodyHandlers.discarding());

    await()
        .untilAsserted(
            () -> {
              Counter request =
                  registry
                      .get("http.server.request.body")
                      .tags("route", "/items", "method", "POST")
                      .counter();
              Counter response =
                  registry
                      .get("http.server.response.body")
                      .tags("route", "/items", "method", "POST")
                      .counter();
              assertThat(request.count()).isEqualTo(10);
              assertThat(response.count()).isEqualTo("created!".length());
            });
  }

  @Test
  void countsRequestsInFlight() throws Exception {
    Gauge active = registry.get("http.server.requests.active").gauge();
    var pending =
        http.sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/slow")).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(active.value()).isEqualTo(1);

    release.countDown();
    pending.get(10, TimeUnit.SECONDS);
    await().untilAsserted(() -> assertThat(active.value()).isZero());
  }

  @Test
  void mapsUnusualMethodsToOther() throws Exception {
    http.send(
        HttpRequest.newBuilder(URI.create(base + "/items/x"))
            .method("PROPFIND", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());

    await()
        .untilAsserted(
            () ->
                assertThat(registry.find("http.server.requests").tag("method", "OTHER").timer())
                    .isNotNull());
  }
}
