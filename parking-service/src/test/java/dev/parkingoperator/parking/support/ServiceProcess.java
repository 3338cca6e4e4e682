package dev.parkingoperator.parking.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as a separate JVM started through {@code Main}, the way a container runs it, so a
 * test can send it real signals ({@code kill -9}, SIGTERM) and read its exit code and log.
 */
public final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private ServiceProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Main with these variables (plus PORT and a loopback bind) and waits until it answers.
   */
  public static ServiceProcess start(Map<String, String> environment, Path log) {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.parkingoperator.parking.Main")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("HTTP_BIND", "127.0.0.1");
    builder.environment().putIfAbsent("METRICS_PORT", Integer.toString(freePort()));
    builder.environment().put("METRICS_BIND", "127.0.0.1");
    try {
      ServiceProcess service = new ServiceProcess(builder.start(), port, log);
      service.awaitAnswering();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitAnswering() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest probe = HttpRequest.newBuilder(new ApiClient(port).uri("/api/lots")).build();
    await("service on port " + port + " to answer (log: " + log + ")")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "service exited with " + process.exitValue() + "; see " + log);
              }
              try {
                return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
              } catch (IOException e) {
                return false;
              }
            });
  }

  public ApiClient client() {
    return new ApiClient(port);
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no flush, nothing of the JVM's own runs. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, as Kubernetes sends it; returns the exit code. */
  public int terminate(Duration within) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("service did not stop within " + within + "; see " + log);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
