package dev.parkingoperator.operator;

import dev.parkingoperator.operator.config.OperatorConfig;
import dev.parkingoperator.operator.model.DesiredNetworkPolicy;
import dev.parkingoperator.operator.monitor.PodMonitors;
import dev.parkingoperator.operator.reconciler.AppStatusListener;
import dev.parkingoperator.operator.reconciler.ParkingAppReconciler;
import dev.parkingoperator.operator.reconciler.WarningEvents;
import dev.parkingoperator.operator.scrape.MetricsProbe;
import dev.parkingoperator.operator.scrape.ScrapeCheck;
import dev.parkingoperator.operator.telemetry.AppReadinessGauges;
import dev.parkingoperator.telemetry.BuildInfo;
import dev.parkingoperator.telemetry.Health;
import dev.parkingoperator.telemetry.MeterRegistries;
import dev.parkingoperator.telemetry.TelemetryServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: java-operator-sdk with the ParkingApp controller, and its own telemetry
 * listener (reconciliation metrics, JVM and process, health from the SDK's runtime information).
 */
public final class ParkingOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParkingOperator.class);
  public static final String BUILD_INFO_RESOURCE = "operator-build.properties";

  private final Operator operator;
  private final TelemetryServer telemetry;
  private final AtomicBoolean stopping;

  private ParkingOperator(Operator operator, TelemetryServer telemetry, AtomicBoolean stopping) {
    this.operator = operator;
    this.telemetry = telemetry;
    this.stopping = stopping;
  }

  public static ParkingOperator start(OperatorConfig config, KubernetesClient client) {
    long started = System.nanoTime();
    BuildInfo build = BuildInfo.fromClasspath(BUILD_INFO_RESOURCE);
    Optional<PrometheusMeterRegistry> registry =
        MeterRegistries.forConfig(config.telemetry(), "parking_operator", build);
    AtomicBoolean stopping = new AtomicBoolean();
    Operator operator =
        new Operator(overrider -> configure(overrider, config, client, registry, stopping));
    operator.register(
        reconciler(config, client, registry),
        override -> {
          if (config.watchesAllNamespaces()) {
            override.watchingAllNamespaces();
          } else {
            override.settingNamespaces(config.watchedNamespaces());
          }
        });
    TelemetryServer telemetry =
        TelemetryServer.start(
            config.telemetry(),
            "Parking operator",
            build,
            registry,
            () -> health(operator.getRuntimeInfo()),
            () -> {});
    try {
      operator.start();
    } catch (RuntimeException e) {
      telemetry.close();
      throw e;
    }
    LOG.info(
        "parking operator {} watching {}, telemetry on {}:{}, leader election {}; started in {} ms",
        build.version(),
        config.watchesAllNamespaces()
            ? "all namespaces"
            : "namespaces " + config.watchedNamespaces(),
        config.telemetry().bindAddress(),
        telemetry.port(),
        config
            .leaderElection()
            .map(
                election ->
                    "on (lease "
                        + election.leaseNamespace()
                        + "/"
                        + election.leaseName()
                        + " as "
                        + election.identity()
                        + ")")
            .orElse("off"),
        (System.nanoTime() - started) / 1_000_000);
    return new ParkingOperator(operator, telemetry, stopping);
  }

  private static void configure(
      ConfigurationServiceOverrider overrider,
      OperatorConfig config,
      KubernetesClient client,
      Optional<PrometheusMeterRegistry> registry,
      AtomicBoolean stopping) {
    overrider
        .withKubernetesClient(client)
        .withCloseClientOnStop(false)
        // Server-side apply for the owned objects and the status (the SDK's defaults, stated):
        // the operator owns exactly the fields it sets, so values others add survive its writes.
        .withSSABasedCreateUpdateMatchForDependentResources(true)
        .withUseSSAToPatchPrimaryResource(true)
        .withConcurrentReconciliationThreads(config.reconcileThreads())
        .withStopOnInformerErrorDuringStartup(true);
    registry.ifPresent(
        metrics -> overrider.withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics)));
    config
        .leaderElection()
        .ifPresent(
            election ->
                overrider.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        election.leaseName(),
                        election.leaseNamespace(),
                        election.leaseDuration(),
                        election.renewDeadline(),
                        election.retryPeriod(),
                        election.identity(),
                        new LeaderCallbacks(
                            () -> {}, () -> leadershipLost(election, stopping), leader -> {}),
                        false)));
  }

  /** The composition root of the controller: its collaborators are made here and passed in. */
  private static ParkingAppReconciler reconciler(
      OperatorConfig config, KubernetesClient client, Optional<PrometheusMeterRegistry> registry) {
    Clock clock = Clock.systemUTC();
    Optional<ScrapeCheck> scrapeCheck =
        config.scrapeCheckInterval().isZero()
            ? Optional.empty()
            : Optional.of(
                new ScrapeCheck(client, new MetricsProbe(), clock, config.scrapeCheckInterval()));
    return new ParkingAppReconciler(
        client,
        clock,
        new WarningEvents(client, clock),
        new PodMonitors(client, clock),
        scrapeCheck,
        scrapeCheck.map(check -> DesiredNetworkPolicy.operatorPeer(config.operatorNamespace())),
        registry.<AppStatusListener>map(AppReadinessGauges::new).orElse(AppStatusListener.NONE));
  }

  /**
   * Losing the Lease while running means another replica may already reconcile: exit so the pod
   * restarts clean. Giving it up on a planned stop (SIGTERM) is no reason to exit early.
   */
  private static void leadershipLost(
      OperatorConfig.LeaderElection election, AtomicBoolean stopping) {
    if (stopping.get()) {
      return;
    }
    if (election.exitOnLoss()) {
      LOG.error(
          "lost the leader lease {}/{}; exiting so a restart starts clean",
          election.leaseNamespace(),
          election.leaseName());
      System.exit(1);
    }
    LOG.warn("lost the leader lease {}/{}", election.leaseNamespace(), election.leaseName());
  }

  private static Health health(RuntimeInfo runtime) {
    boolean started = runtime.isStarted();
    boolean healthy = runtime.allEventSourcesAreHealthy();
    return new Health(
        started && healthy,
        Map.of(
            "operator",
            started ? "started" : "starting",
            "informers",
            healthy ? "healthy" : "unhealthy"));
  }

  public int telemetryPort() {
    return telemetry.port();
  }

  @Override
  public void close() {
    stopping.set(true);
    LOG.info("stopping");
    operator.stop();
    telemetry.close();
    LOG.info("stopped");
  }
}
