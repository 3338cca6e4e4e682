package dev.parkingoperator.operator.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.Convergence;
import dev.parkingoperator.operator.support.CountingCrudDispatcher.Faults;
import dev.parkingoperator.operator.support.MockCluster;
import dev.parkingoperator.operator.support.OperatorScrape;
import dev.parkingoperator.operator.support.RunningOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A flaky API server: a fifth of the operator's writes answer 500 and some of its updates 409. A
 * hundred ParkingApps still converge, exactly once each; the retries show in the operator's
 * metrics, and the log holds at most one line per failure and no stack trace.
 */
class FaultInjectionTest {

  private static final int APPS = 100;
  private static final List<String> NAMESPACES = List.of("shop-a", "shop-b", "shop-c", "shop-d");
  // The client retries a 500 itself, so random ones rarely reach the reconciler; one more app,
  // alone in its namespace, meets a longer outage that outlasts all those retries.
  private static final String OUTAGE_NAMESPACE = "shop-outage";
  private static final int OUTAGE_FAILURES = Config.DEFAULT_REQUEST_RETRY_BACKOFFLIMIT + 1;

  @Test
  void hundredAppsConvergeWhileAFifthOfWritesFail() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    int injectedFaults;
    try (MockCluster cluster = MockCluster.start();
        KubernetesClient operatorClient = cluster.newOperatorClientWithQuickRetries()) {
      cluster.dispatcher().injectFaults(new Faults(0.20, 0.05, new Random(8)));
      cluster
          .dispatcher()
          .failWrites("/namespaces/" + OUTAGE_NAMESPACE + "/deployments", OUTAGE_FAILURES);
      System.setErr(new PrintStream(new TeeStream(stderr, log), true, StandardCharsets.UTF_8));
      try (RunningOperator operator = RunningOperator.start(operatorClient)) {
        KubernetesClient client = cluster.client();
        for (int i = 0; i < APPS; i++) {
          client.resource(Apps.app(NAMESPACES.get(i % NAMESPACES.size()), "app-" + i)).create();
        }
        client.resource(Apps.app(OUTAGE_NAMESPACE, "app-outage")).create();

        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  assertThat(Convergence.convergedApps(client, NAMESPACES)).isEqualTo(APPS);
                  assertThat(Convergence.convergedApps(client, List.of(OUTAGE_NAMESPACE))).isOne();
                });
        cluster.dispatcher().stopFaults();

        assertThat(cluster.dispatcher().injectedServerErrors()).isGreaterThan(20);
        assertThat(cluster.dispatcher().injectedConflicts()).isGreaterThan(0);
        injectedFaults =
            cluster.dispatcher().injectedServerErrors()
                + cluster.dispatcher().injectedConflicts()
                + OUTAGE_FAILURES;
        List<HasMetadata> owned = Convergence.ownedObjects(client, NAMESPACES);
        assertThat(owned)
            .hasSize(2 * APPS)
            .allSatisfy(o -> assertThat(Convergence.controllers(o)).hasSize(1));
        String metrics = OperatorScrape.scrape(operator.telemetryPort());
        assertThat(OperatorScrape.sum(metrics, "operator_sdk_reconciliations_failed_total"))
            .isPositive();
        // The SDK tags each started reconciliation with its retry number: retries are those above
        // 0.
        assertThat(
                OperatorScrape.sum(
                    metrics,
                    "operator_sdk_reconciliations_started_total",
                    "reconciliations_retries_number=\"[1-9]"))
            .isPositive();
      }
    } finally {
      System.setErr(stderr);
    }
    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    long warnings =
        lines.stream().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).count();
    assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
    // At most one line per injected fault (fabric8 retries many 500s before the reconciler sees
    // them).
    assertThat(warnings).isPositive().isLessThanOrEqualTo(injectedFaults);
  }

  /** Writes to the real stderr and keeps a copy. */
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
