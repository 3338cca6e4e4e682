package dev.parkingoperator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryServerTest {

  private static final BuildInfo BUILD = new BuildInfo("1.2.3", "abc123");
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private final AtomicInteger scrapes = new AtomicInteger();
  private TelemetryServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private PrometheusMeterRegistry startWithMetrics(String path) {
    PrometheusMeterRegistry registry = MeterRegistries.prometheus("demo", "demo", BUILD);
    Counter.builder("demo.things").description("Things done").register(registry).increment(3);
    server = start(new TelemetryConfig(true, "127.0.0.1", 0, path, "demo"), registry);
    return registry;
  }

  private TelemetryServer start(TelemetryConfig config, PrometheusMeterRegistry registry) {
    return TelemetryServer.start(
        config,
        "Demo",
        BUILD,
        Optional.ofNullable(registry),
        () ->
            new Health(ready.get(), Map.of("database", ready.get() ? "reachable" : "unreachable")),
        scrapes::incrementAndGet);
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void servesPrometheusTextByDefault() throws Exception {
    startWithMetrics("/metrics");

    HttpResponse<byte[]> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text(response))
        .contains("# HELP demo_things_total Things done")
        .contains("demo_things_total{application=\"demo\"} 3.0")
        .contains("demo_build_info{application=\"demo\",revision=\"abc123\",version=\"1.2.3\"} 1")
        .contains("process_cpu_seconds_total")
        .contains("process_resident_memory_bytes")
        .contains("process_start_time_seconds")
        .contains("process_open_fds")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_threads_live_threads");
    assertThat(scrapes).hasValue(1);
  }

  @Test
  void servesOpenMetricsWhenAsked() throws Exception {
    startWithMetrics("/metrics");

    HttpResponse<byte[]> response =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");

    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(text(response)).endsWith("# EOF\n");
  }

  @Test
  void gzipsWhenAsked() throws Exception {
    startWithMetrics("/metrics");

    HttpResponse<byte[]> response = get("/metrics", "Accept-Encoding", "gzip");

    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream unzipped =
        new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(new String(unzipped.readAllBytes(), StandardCharsets.UTF_8))
          .contains("demo_things_total");
    }
  }

  @Test
  void servesMetricsOnTheConfiguredPathOnly() throws Exception {
    startWithMetrics("/internal/prom");

    assertThat(get("/internal/prom").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").statusCode()).isEqualTo(404);
    assertThat(get("/api/lots").statusCode()).isEqualTo(404);
  }

  @Test
  void indexPageNamesTheServiceAndLinksWhatThePortServes() throws Exception {
    startWithMetrics("/metrics");

    HttpResponse<byte[]> index = get("/");

    assertThat(index.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(text(index))
        .contains("<title>Demo telemetry</title>")
        .contains("version 1.2.3 (abc123)")
        .contains("<a href=\"/metrics\">")
        .contains("<a href=\"/health/live\">")
        .contains("<a href=\"/health/ready\">");
  }

  @Test
  void readinessFollowsTheCheck() throws Exception {
    startWithMetrics("/metrics");

    HttpResponse<byte[]> up = get("/health/ready");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(text(up)).isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"reachable\"}}");

    ready.set(false);
    HttpResponse<byte[]> down = get("/health/ready");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(text(down))
        .isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"database\":\"unreachable\"}}");

    assertThat(get("/health/live").statusCode()).as("liveness is not readiness").isEqualTo(200);
  }

  @Test
  void withMetricsDisabledOnlyHealthIsServed() throws Exception {
    server = start(new TelemetryConfig(false, "127.0.0.1", 0, "/metrics", "demo"), null);

    assertThat(get("/metrics").statusCode()).isEqualTo(404);
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(text(get("/"))).contains("metrics are disabled").doesNotContain("href=\"/metrics\"");
  }

  @Test
  void refusesWrites() throws Exception {
    startWithMetrics("/metrics");

    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void escapesTheServiceNameOnTheIndexPage() throws Exception {
    server =
        start(new TelemetryConfig(false, "127.0.0.1", 0, "/metrics", "<script>x</script>"), null);

    assertThat(text(get("/")))
        .contains("&lt;script&gt;x&lt;/script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void aTakenPortFailsAtStart() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      TelemetryConfig config =
          new TelemetryConfig(false, "127.0.0.1", taken.getLocalPort(), "/metrics", "demo");
      Assertions.assertThatThrownBy(() -> start(config, null)).isInstanceOf(RuntimeException.class);
    }
  }
}
