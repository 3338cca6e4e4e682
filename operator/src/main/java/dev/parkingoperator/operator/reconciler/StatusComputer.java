package dev.parkingoperator.operator.reconciler;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ParkingAppStatus;
import dev.parkingoperator.crd.ParkingAppStatus.Discovery;
import dev.parkingoperator.crd.ParkingAppStatus.Storage;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.scrape.ScrapeResult;
import dev.parkingoperator.operator.validation.Problem;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Derives a ParkingApp's status from what was observed; pure, so tests can drive it directly. */
final class StatusComputer {

  static final String INVALID_SPEC = "InvalidSpec";
  static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  private StatusComputer() {}

  /** The status of an app whose spec was refused: the objects of the last valid spec stay. */
  static ParkingAppStatus invalid(ParkingApp app, List<Problem> problems, Instant now) {
    String message =
        "The spec is invalid: "
            + problems.stream().map(Problem::message).collect(Collectors.joining(" "));
    ParkingAppStatus previous =
        Optional.ofNullable(app.getStatus()).orElseGet(ParkingAppStatus::new);
    ParkingAppStatus status = copyObserved(previous);
    status.setObservedGeneration(app.getMetadata().getGeneration());
    status.setConditions(
        Conditions.merge(
            previous.getConditions(),
            List.of(
                new Conditions.Observed(Conditions.READY, false, INVALID_SPEC, message),
                new Conditions.Observed(
                    Conditions.PROGRESSING,
                    false,
                    INVALID_SPEC,
                    "Nothing is rolled out until the spec is fixed."),
                new Conditions.Observed(Conditions.DEGRADED, true, INVALID_SPEC, message)),
            app.getMetadata().getGeneration(),
            now));
    return status;
  }

  /** The status of a valid app, from its Deployment (absent right after creation). */
  static ParkingAppStatus observed(
      ParkingApp app,
      AppSettings settings,
      Optional<Deployment> deployment,
      Discovery discovery,
      Instant now) {
    ParkingAppStatus previous =
        Optional.ofNullable(app.getStatus()).orElseGet(ParkingAppStatus::new);
    DeploymentStatus live = deployment.map(Deployment::getStatus).orElseGet(DeploymentStatus::new);
    int wanted = deployment.map(d -> d.getSpec().getReplicas()).orElse(1);
    int ready = Optional.ofNullable(live.getReadyReplicas()).orElse(0);
    int updated = Optional.ofNullable(live.getUpdatedReplicas()).orElse(0);
    boolean current =
        deployment.isPresent()
            && Optional.ofNullable(live.getObservedGeneration()).orElse(0L)
                >= deployment.get().getMetadata().getGeneration();
    boolean rolledOut = current && updated >= wanted && ready >= wanted;
    Optional<String> stuck = rolledOut ? Optional.empty() : progressDeadlineExceeded(live);

    ParkingAppStatus status = new ParkingAppStatus();
    status.setObservedGeneration(app.getMetadata().getGeneration());
    status.setReplicas(Optional.ofNullable(live.getReplicas()).orElse(0));
    status.setReadyReplicas(ready);
    status.setMetricsEndpoint(settings.metrics().enabled() ? settings.metricsEndpoint(app) : null);
    status.setDiscovery(settings.metrics().enabled() ? discovery : null);
    Optional<String> databaseSecret = settings.storage().databaseSecret();
    status.setStorage(databaseSecret.isPresent() ? Storage.PostgreSQL : Storage.EmbeddedEmptyDir);
    status.setDatabaseSecret(databaseSecret.orElse(null));
    status.setConditions(
        Conditions.merge(
            previous.getConditions(),
            List.of(
                ready(wanted, ready, rolledOut),
                stuck
                    .map(StatusComputer::stuckProgressing)
                    .orElse(progressing(wanted, ready, rolledOut)),
                stuck.map(StatusComputer::stuckDegraded).orElse(notDegraded())),
            app.getMetadata().getGeneration(),
            now));
    return status;
  }

  /** Whether the status says Ready=True. */
  static boolean isReady(ParkingAppStatus status) {
    return Conditions.find(status.getConditions(), Conditions.READY)
        .map(c -> "True".equals(c.getStatus()))
        .orElse(false);
  }

  private static Conditions.Observed ready(int wanted, int ready, boolean rolledOut) {
    if (wanted == 0) {
      return new Conditions.Observed(
          Conditions.READY, false, "ScaledToZero", "The app is scaled to zero replicas.");
    }
    if (rolledOut) {
      return new Conditions.Observed(
          Conditions.READY, true, "AllReplicasReady", "All " + wanted + " replicas are ready.");
    }
    return new Conditions.Observed(
        Conditions.READY,
        false,
        "ReplicasNotReady",
        ready + " of " + wanted + " replicas are ready.");
  }

  private static Conditions.Observed progressing(int wanted, int ready, boolean rolledOut) {
    if (rolledOut || wanted == 0) {
      return new Conditions.Observed(
          Conditions.PROGRESSING, false, "RolloutComplete", "The Deployment is rolled out.");
    }
    return new Conditions.Observed(
        Conditions.PROGRESSING,
        true,
        "RollingOut",
        "Waiting for replicas: " + ready + " of " + wanted + " ready.");
  }

  /**
   * The Deployment controller's verdict that the rollout stopped making progress (a crash-looping
   * image, say): its Progressing condition False with reason ProgressDeadlineExceeded.
   */
  private static Optional<String> progressDeadlineExceeded(DeploymentStatus live) {
    return Optional.ofNullable(live.getConditions()).orElse(List.of()).stream()
        .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
        .filter(c -> PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason()))
        .map(c -> Optional.ofNullable(c.getMessage()).orElse("The rollout stopped progressing."))
        .findFirst();
  }

  private static Conditions.Observed stuckProgressing(String message) {
    return new Conditions.Observed(
        Conditions.PROGRESSING, false, PROGRESS_DEADLINE_EXCEEDED, message);
  }

  private static Conditions.Observed stuckDegraded(String message) {
    return new Conditions.Observed(Conditions.DEGRADED, true, PROGRESS_DEADLINE_EXCEEDED, message);
  }

  private static Conditions.Observed notDegraded() {
    return new Conditions.Observed(
        Conditions.DEGRADED, false, "AsExpected", "The spec is valid and applied.");
  }

  /** A failure the framework will retry; the last observed counts stay. */
  static ParkingAppStatus failed(ParkingApp app, String message, Instant now) {
    ParkingAppStatus previous =
        Optional.ofNullable(app.getStatus()).orElseGet(ParkingAppStatus::new);
    ParkingAppStatus status = copyObserved(previous);
    status.setObservedGeneration(previous.getObservedGeneration());
    List<Conditions.Observed> observed =
        List.of(
            keep(previous, Conditions.READY, false, "ReconcileError", message),
            keep(previous, Conditions.PROGRESSING, false, "ReconcileError", message),
            new Conditions.Observed(Conditions.DEGRADED, true, "ReconcileError", message));
    status.setConditions(
        Conditions.merge(
            previous.getConditions(), observed, app.getMetadata().getGeneration(), now));
    return status;
  }

  private static Conditions.Observed keep(
      ParkingAppStatus previous, String type, boolean status, String reason, String message) {
    return Conditions.find(previous.getConditions(), type)
        .map(
            c ->
                new Conditions.Observed(
                    type, "True".equals(c.getStatus()), c.getReason(), c.getMessage()))
        .orElse(new Conditions.Observed(type, status, reason, message));
  }

  private static ParkingAppStatus copyObserved(ParkingAppStatus previous) {
    ParkingAppStatus status = new ParkingAppStatus();
    status.setReplicas(previous.getReplicas());
    status.setReadyReplicas(previous.getReadyReplicas());
    status.setMetricsEndpoint(previous.getMetricsEndpoint());
    status.setStorage(previous.getStorage());
    status.setDatabaseSecret(previous.getDatabaseSecret());
    return status;
  }

  /**
   * Adds MetricsReachable: a fresh scrape check's result, else the previous condition unchanged
   * (checks run once per rollout and then every few minutes); nothing when metrics are off.
   */
  static ParkingAppStatus withScrapeCheck(
      ParkingApp app,
      ParkingAppStatus status,
      boolean metricsEnabled,
      Optional<ScrapeResult> fresh,
      Instant now) {
    if (!metricsEnabled) {
      return status;
    }
    List<Condition> previous =
        Optional.ofNullable(app.getStatus()).map(ParkingAppStatus::getConditions).orElse(List.of());
    if (fresh.isPresent()) {
      ScrapeResult result = fresh.get();
      status
          .getConditions()
          .addAll(
              Conditions.merge(
                  previous,
                  List.of(
                      new Conditions.Observed(
                          Conditions.METRICS_REACHABLE,
                          result.reachable(),
                          result.reason(),
                          result.message())),
                  app.getMetadata().getGeneration(),
                  now));
    } else {
      Conditions.find(previous, Conditions.METRICS_REACHABLE)
          .ifPresent(status.getConditions()::add);
    }
    return status;
  }
}
