package dev.parkingoperator.operator.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.Convergence;
import dev.parkingoperator.operator.support.OperatorScrape;
import dev.parkingoperator.operator.support.controlplane.AdmissionDenial;
import dev.parkingoperator.operator.support.controlplane.AuditLog;
import dev.parkingoperator.operator.support.controlplane.OperatorOnControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An API server that refuses the operator's writes for a while (an admission policy denying every
 * Deployment write in the apps' namespaces, as a policy engine or a failing webhook would). A
 * hundred ParkingApps created meanwhile still converge, exactly once each, once it stops; the
 * retries show in the operator's metrics, and the log holds at most one line per refused write and
 * no stack trace.
 */
class FaultInjectionTest {

  private static final int APPS = 100;

  @Test
  void hundredAppsConvergeAfterTheirWritesWereRefused() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    long refusedWrites;
    List<String> namespaces;
    Instant from = Instant.now();
    System.setErr(new PrintStream(new TeeStream(stderr, log), true, StandardCharsets.UTF_8));
    try (OperatorOnControlPlane running = OperatorOnControlPlane.start()) {
      KubernetesClient client = running.client();
      namespaces =
          Stream.of("shop-a", "shop-b", "shop-c", "shop-d")
              .map(prefix -> running.plane().newNamespace(prefix, Map.of()))
              .toList();
      List<AdmissionDenial> outage =
          namespaces.stream().map(ns -> AdmissionDenial.denyDeployments(client, ns)).toList();
      for (int i = 0; i < APPS; i++) {
        client.resource(Apps.app(namespaces.get(i % namespaces.size()), "app-" + i)).create();
      }
      await("writes refused and retried")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  OperatorScrape.sum(
                          OperatorScrape.scrape(running.operator().telemetryPort()),
                          "operator_sdk_reconciliations_failed_total")
                      >= APPS);
      outage.forEach(AdmissionDenial::close);

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> assertThat(Convergence.convergedApps(client, namespaces)).isEqualTo(APPS));

      refusedWrites =
          AuditLog.writesBy(running.plane().auditLog(), running.user(), from).stream()
              .filter(write -> write.code() >= 400)
              .count();
      assertThat(refusedWrites).isGreaterThanOrEqualTo(APPS);
      List<HasMetadata> owned = Convergence.ownedObjects(client, namespaces);
      assertThat(owned)
          .hasSize(2 * APPS)
          .allSatisfy(o -> assertThat(Convergence.controllers(o)).hasSize(1));
      String metrics = OperatorScrape.scrape(running.operator().telemetryPort());
      // The SDK tags each started reconciliation with its retry number: retries are those above
      // 0.
      assertThat(
              OperatorScrape.sum(
                  metrics,
                  "operator_sdk_reconciliations_started_total",
                  "reconciliations_retries_number=\"[1-9]"))
          .isPositive();
    } finally {
      System.setErr(stderr);
    }
    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    // Apps other tests left on the shared control plane are reconciled too; only these count.
    long warnings =
        lines.stream()
            .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
            .filter(line -> namespaces.stream().anyMatch(line::contains))
            .count();
    assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
    assertThat(warnings).isPositive().isLessThanOrEqualTo(refusedWrites);
  }

  private static final class TeeStream extends OutputStream {
    private final PrintStream original;
    private final ByteArrayOutputStream copy;

    TeeStream(PrintStream original, ByteArrayOutputStream copy) {
      this.original = original;
      this.copy = copy;
    }

    @Override
    public synchronized void write(int b) {
      original.write(b);
      copy.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      original.write(b, off, len);
      copy.write(b, off, len);
    }
  }
}
