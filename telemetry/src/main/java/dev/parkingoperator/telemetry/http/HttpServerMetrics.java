package dev.parkingoperator.telemetry.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures every request once, when its exchange completes: {@code http_server_requests_seconds} (a
 * histogram with buckets for a web API) by method, route template, status and outcome; requests in
 * flight; request and response body bytes by method and route, as counters (a size summary's max
 * tracking cost more per request than the timer itself). The route is the matched path template
 * ({@code /api/lots/{lotId}}), never the raw path: unmatched requests are {@code NOT_FOUND} or
 * {@code UNKNOWN}, so the number of series stays bounded.
 */
public final class HttpServerMetrics implements HttpHandler {

  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private final HttpHandler next;
  private final MeterRegistry registry;
  // Two I/O threads change it per request; a LongAdder spares them one contended cache line.
  private final LongAdder inFlight = new LongAdder();
  // One lookup per request: everything a (method, route, status) records, found together.
  private final ConcurrentMap<RequestKey, RequestMeters> meters = new ConcurrentHashMap<>();
  // Only while a new RequestKey is first seen: the body counters its statuses share.
  private final ConcurrentMap<RouteKey, Bytes> bytes = new ConcurrentHashMap<>();

  public HttpServerMetrics(HttpHandler next, MeterRegistry registry) {
    this.next = next;
    this.registry = registry;
    Gauge.builder("http.server.requests.active", inFlight, LongAdder::sum)
        .description("HTTP requests being served now")
        .register(registry);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    inFlight.increment();
    exchange.addExchangeCompleteListener(new Completion(System.nanoTime()));
    next.handleRequest(exchange);
  }

  /**
   * Records the request when its exchange completes. It keeps its own start time: Undertow's {@code
   * getRequestStartTime()} is -1 unless the listener was built with {@code
   * RECORD_REQUEST_START_TIME}.
   */
  private final class Completion implements ExchangeCompletionListener {
    private final long started;

    Completion(long started) {
      this.started = started;
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener next) {
      record(exchange, started, next);
    }
  }

  private void record(
      HttpServerExchange exchange, long started, ExchangeCompletionListener.NextListener next) {
    try {
      inFlight.decrement();
      int status = exchange.getStatusCode();
      record(
          method(exchange),
          route(exchange, status),
          status,
          System.nanoTime() - started,
          Math.max(0, exchange.getRequestContentLength()),
          exchange.getResponseBytesSent());
    } finally {
      next.proceed();
    }
  }

  /** What one completed request adds; the hot path, measured by bench/jmh. */
  public void record(
      String method, String route, int status, long nanos, long requestBytes, long responseBytes) {
    RequestMeters request =
        meters.computeIfAbsent(new RequestKey(method, route, status), this::meters);
    request.duration().record(nanos, TimeUnit.NANOSECONDS);
    request.bytes().request().increment(requestBytes);
    request.bytes().response().increment(responseBytes);
  }

  private static String method(HttpServerExchange exchange) {
    String method = exchange.getRequestMethod().toString();
    return KNOWN_METHODS.contains(method) ? method : "OTHER";
  }

  private static String route(HttpServerExchange exchange, int status) {
    PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    if (match != null) {
      return match.getMatchedTemplate();
    }
    return status == 404 ? "NOT_FOUND" : "UNKNOWN";
  }

  private RequestMeters meters(RequestKey key) {
    return new RequestMeters(
        timer(key), bytes.computeIfAbsent(new RouteKey(key.method(), key.route()), this::bytes));
  }

  private Timer timer(RequestKey key) {
    return Timer.builder("http.server.requests")
        .description("HTTP requests served, by method, route template, status and outcome")
        .tags(
            "method", key.method(), "route", key.route(), "status", Integer.toString(key.status()))
        .tag("outcome", Outcome.forStatus(key.status()).name())
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  private Bytes bytes(RouteKey key) {
    return new Bytes(
        counter("http.server.request.body", "Bytes of request bodies received", key),
        counter("http.server.response.body", "Bytes of response bodies sent", key));
  }

  private Counter counter(String name, String description, RouteKey key) {
    return Counter.builder(name)
        .description(description)
        .baseUnit("bytes")
        .tags("method", key.method(), "route", key.route())
        .register(registry);
  }

  private record RequestKey(String method, String route, int status) {}

  private record RouteKey(String method, String route) {}

  private record Bytes(Counter request, Counter response) {}

  private record RequestMeters(Timer duration, Bytes bytes) {}
}
