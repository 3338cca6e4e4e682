package dev.parkingoperator.telemetry;

import dev.parkingoperator.telemetry.http.ScrapeHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The telemetry listener, on its own port so a cluster can expose, scrape and secure it apart from
 * the application: an index page, {@code /metrics} (when enabled), {@code /health/live} and {@code
 * /health/ready}. Nothing else; every other path is 404.
 */
public final class TelemetryServer implements AutoCloseable {

  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";

  private final Undertow undertow;

  private TelemetryServer(Undertow undertow) {
    this.undertow = undertow;
  }

  /**
   * Binds and starts at once, so a taken port fails start-up instead of going unnoticed.
   *
   * @param registry empty when metrics are disabled
   * @param beforeScrape run before each scrape, to refresh gauges read from elsewhere
   */
  public static TelemetryServer start(
      TelemetryConfig config,
      String serviceTitle,
      BuildInfo build,
      Optional<PrometheusMeterRegistry> registry,
      Health.Check readiness,
      Runnable beforeScrape) {
    RoutingHandler routes =
        Handlers.routing()
            .get("/", html(indexPage(config, serviceTitle, build, registry.isPresent())))
            .get(LIVE_PATH, json(200, "{\"status\":\"UP\"}"))
            .get(READY_PATH, exchange -> ready(exchange, readiness.current()));
    registry.ifPresent(
        metrics ->
            routes.get(
                config.metricsPath(),
                new ScrapeHandler(metrics.getPrometheusRegistry(), beforeScrape)));
    routes.setFallbackHandler(
        json(
            404,
            "{\"error\":\"not_found\",\"message\":\"The telemetry port serves only /, its metrics"
                + " path and /health.\"}"));
    routes.setInvalidMethodHandler(
        json(
            405,
            "{\"error\":\"method_not_allowed\",\"message\":\"The telemetry port is read-only.\"}"));
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(config.port(), config.bindAddress())
            .setIoThreads(1)
            .setWorkerThreads(2)
            .setHandler(routes)
            .build();
    undertow.start();
    return new TelemetryServer(undertow);
  }

  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    undertow.stop();
  }

  private static void ready(HttpServerExchange exchange, Health health) {
    String checks =
        health.checks().entrySet().stream()
            .map(check -> quote(check.getKey()) + ":" + quote(check.getValue()))
            .collect(Collectors.joining(",", "{", "}"));
    String body =
        "{\"status\":\"" + (health.ready() ? "UP" : "DOWN") + "\",\"checks\":" + checks + "}";
    json(health.ready() ? 200 : 503, body).handleRequest(exchange);
  }

  /** Check names and states are plain words of ours; quoting guards the JSON all the same. */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private interface SimpleHandler extends HttpHandler {
    @Override
    void handleRequest(HttpServerExchange exchange);
  }

  private static SimpleHandler json(int status, String body) {
    return exchange -> respond(exchange, status, "application/json", body);
  }

  private static SimpleHandler html(String body) {
    return exchange -> respond(exchange, 200, "text/html; charset=utf-8", body);
  }

  private static void respond(HttpServerExchange exchange, int status, String type, String body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(body);
  }

  private static String indexPage(
      TelemetryConfig config, String serviceTitle, BuildInfo build, boolean metricsEnabled) {
    Map<String, String> links = new LinkedHashMap<>();
    if (metricsEnabled) {
      links.put(config.metricsPath(), "Prometheus metrics (text 0.0.4; OpenMetrics on request)");
    }
    links.put(LIVE_PATH, "liveness");
    links.put(READY_PATH, "readiness, with the checks behind it");
    String items =
        links.entrySet().stream()
            .map(
                link ->
                    "<li><a href=\""
                        + escape(link.getKey())
                        + "\">"
                        + escape(link.getKey())
                        + "</a> — "
                        + link.getValue()
                        + "</li>")
            .collect(Collectors.joining("\n"));
    String title = escape(serviceTitle);
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>"
        + title
        + " telemetry</title></head>\n<body><h1>"
        + title
        + " telemetry</h1>\n<p>"
        + escape(config.application())
        + " version "
        + escape(build.version())
        + " ("
        + escape(build.revision())
        + ")"
        + (metricsEnabled ? "" : "; metrics are disabled (METRICS_ENABLED=false)")
        + "</p>\n<ul>\n"
        + items
        + "\n</ul></body></html>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
