package dev.parkingoperator.operator.reconciler;

import static java.util.stream.Collectors.toSet;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ParkingAppStatus;
import dev.parkingoperator.crd.ParkingAppStatus.Discovery;
import dev.parkingoperator.operator.dependent.DeploymentDependent;
import dev.parkingoperator.operator.dependent.DesiredInputs;
import dev.parkingoperator.operator.dependent.NetworkPolicyDependent;
import dev.parkingoperator.operator.dependent.PodDisruptionBudgetDependent;
import dev.parkingoperator.operator.dependent.ServiceDependent;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.monitor.PodMonitors;
import dev.parkingoperator.operator.scrape.ScrapeCheck;
import dev.parkingoperator.operator.scrape.ScrapeResult;
import dev.parkingoperator.operator.validation.ParkingAppValidator;
import dev.parkingoperator.operator.validation.Problem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observe, validate, apply, record status. The error policy: a spec the validator refuses is a user
 * error, reported as a condition and a Warning Event and not retried (the objects of the last valid
 * spec stay as they are); anything thrown while applying is transient and retried by the framework
 * with backoff. Status is written only when it changes, so an idle operator writes nothing.
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "deployment", type = DeploymentDependent.class),
      @Dependent(name = "service", type = ServiceDependent.class),
      @Dependent(
          name = "networkpolicy",
          type = NetworkPolicyDependent.class,
          reconcilePrecondition = NetworkPolicyDependent.Enabled.class),
      @Dependent(
          name = "poddisruptionbudget",
          type = PodDisruptionBudgetDependent.class,
          reconcilePrecondition = PodDisruptionBudgetDependent.Replicated.class)
    })
@ControllerConfiguration(name = ParkingAppReconciler.NAME)
public final class ParkingAppReconciler implements Reconciler<ParkingApp> {

  public static final String NAME = "parkingapp";
  private static final Logger LOG = LoggerFactory.getLogger(ParkingAppReconciler.class);

  /** A missing Secret may appear later; look again now and then rather than watch every Secret. */
  static final Duration SECRET_RECHECK = Duration.ofSeconds(30);

  private static final Duration PRUNE_INTERVAL = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final Clock clock;
  private final WarningEvents events;
  private final PodMonitors podMonitors;
  private final Optional<ScrapeCheck> scrapeCheck;
  private final Optional<NetworkPolicyPeer> operatorPeer;
  private final AppStatusListener statusListener;
  private volatile Instant prunedAt = Instant.EPOCH;

  /**
   * @param scrapeCheck empty to never fetch the apps' metrics endpoints
   * @param operatorPeer the operator's pods, let through the NetworkPolicy to the metrics port
   *     while the scrape check is on
   */
  public ParkingAppReconciler(
      KubernetesClient client,
      Clock clock,
      WarningEvents events,
      PodMonitors podMonitors,
      Optional<ScrapeCheck> scrapeCheck,
      Optional<NetworkPolicyPeer> operatorPeer,
      AppStatusListener statusListener) {
    this.client = client;
    this.clock = clock;
    this.events = events;
    this.podMonitors = podMonitors;
    this.scrapeCheck = scrapeCheck;
    this.operatorPeer = operatorPeer;
    this.statusListener = statusListener;
  }

  @Override
  public UpdateControl<ParkingApp> reconcile(ParkingApp app, Context<ParkingApp> context) {
    Optional<Secret> secret = databaseSecret(app);
    List<Problem> problems = ParkingAppValidator.validate(app, secret);
    if (!problems.isEmpty()) {
      return refuse(app, problems);
    }
    operatorPeer.ifPresent(peer -> DesiredInputs.putOperatorPeer(context, peer));
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    AppSettings settings = AppSettings.of(app);
    Discovery discovery = podMonitors.reconcile(app, settings);
    Instant now = clock.instant();
    ParkingAppStatus status =
        StatusComputer.observed(
            app, settings, context.getSecondaryResource(Deployment.class), discovery, now);
    boolean ready = StatusComputer.isReady(status);
    Optional<ScrapeCheck> checking =
        scrapeCheck.filter(check -> settings.metrics().enabled() && ready);
    Optional<ScrapeResult> scraped = checking.flatMap(check -> check.checkIfDue(app, settings));
    scraped
        .filter(result -> !result.reachable())
        .ifPresent(
            result ->
                LOG.warn(
                    "{}: metrics not reachable ({}): {}",
                    Cache.metaNamespaceKeyFunc(app),
                    result.reason(),
                    result.message()));
    status =
        StatusComputer.withScrapeCheck(
            app, status, settings.metrics().enabled() && scrapeCheck.isPresent(), scraped, now);
    statusListener.readiness(app.getMetadata().getNamespace(), app.getMetadata().getName(), ready);
    forgetDeletedApps(context);
    UpdateControl<ParkingApp> control = withStatus(app, status);
    return checking.map(check -> control.rescheduleAfter(check.interval())).orElse(control);
  }

  /**
   * Deleted apps are not reconciled (no finalizer), so what is kept per app is pruned against the
   * cache now and then.
   */
  private void forgetDeletedApps(Context<ParkingApp> context) {
    Instant now = clock.instant();
    if (prunedAt.plus(PRUNE_INTERVAL).isAfter(now)) {
      return;
    }
    prunedAt = now;
    Set<String> existing =
        context.getPrimaryCache().list().map(Cache::metaNamespaceKeyFunc).collect(toSet());
    statusListener.retain(existing);
    scrapeCheck.ifPresent(check -> check.retain(existing));
  }

  private UpdateControl<ParkingApp> refuse(ParkingApp app, List<Problem> problems) {
    statusListener.readiness(app.getMetadata().getNamespace(), app.getMetadata().getName(), false);
    ParkingAppStatus status = StatusComputer.invalid(app, problems, clock.instant());
    if (!Objects.equals(status, app.getStatus())) {
      String message =
          Conditions.find(status.getConditions(), Conditions.READY).orElseThrow().getMessage();
      LOG.warn("{}: {}", Cache.metaNamespaceKeyFunc(app), message);
      events.warn(app, StatusComputer.INVALID_SPEC, message);
    }
    UpdateControl<ParkingApp> control = withStatus(app, status);
    boolean secretMissing = problems.stream().anyMatch(ParkingAppValidator::concernsDatabaseSecret);
    return secretMissing ? control.rescheduleAfter(SECRET_RECHECK) : control;
  }

  private UpdateControl<ParkingApp> withStatus(ParkingApp app, ParkingAppStatus status) {
    if (Objects.equals(status, app.getStatus())) {
      return UpdateControl.noUpdate();
    }
    app.setStatus(status);
    return UpdateControl.patchStatus(app);
  }

  private Optional<Secret> databaseSecret(ParkingApp app) {
    return AppSettings.databaseSecret(app)
        .map(
            name ->
                client
                    .secrets()
                    .inNamespace(app.getMetadata().getNamespace())
                    .withName(name)
                    .get());
  }

  /** One line per failed attempt; the framework retries with backoff. */
  @Override
  public ErrorStatusUpdateControl<ParkingApp> updateErrorStatus(
      ParkingApp app, Context<ParkingApp> context, Exception e) {
    String message = "Applying the spec failed and will be retried: " + rootMessage(e);
    int attempt = context.getRetryInfo().map(r -> r.getAttemptCount() + 1).orElse(1);
    LOG.warn(
        "{}: attempt {} failed, will retry: {}",
        Cache.metaNamespaceKeyFunc(app),
        attempt,
        rootMessage(e));
    ParkingAppStatus status = StatusComputer.failed(app, message, clock.instant());
    if (Objects.equals(status, app.getStatus())) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    app.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(app);
  }

  /**
   * The code, the reason and, for a refused object, the first field the API server named: what an
   * admin needs to act on a 422 or 403 (the Status message, not the request body, so no secrets).
   */
  private static String apiServerAnswer(KubernetesClientException e) {
    StringBuilder answer = new StringBuilder("API server answered ").append(e.getCode());
    Status status = e.getStatus();
    if (status == null) {
      return answer.toString();
    }
    Optional.ofNullable(status.getReason()).ifPresent(reason -> answer.append(' ').append(reason));
    Optional<String> firstCause =
        Optional.ofNullable(status.getDetails())
            .map(StatusDetails::getCauses)
            .flatMap(causes -> causes.stream().findFirst())
            .map(
                cause ->
                    Optional.ofNullable(cause.getField()).map(f -> f + ": ").orElse("")
                        + cause.getMessage());
    firstCause
        .or(() -> Optional.ofNullable(status.getMessage()))
        .ifPresent(detail -> answer.append(": ").append(detail));
    return answer.toString();
  }

  /**
   * One line: the first underlying failure, without the stack traces the SDK folds into messages.
   */
  private static String rootMessage(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AggregatedOperatorException aggregated
          && !aggregated.getAggregatedExceptions().isEmpty()) {
        var first = aggregated.getAggregatedExceptions().entrySet().iterator().next();
        return first.getKey() + ": " + rootMessage(first.getValue());
      }
      if (cause instanceof KubernetesClientException k) {
        return apiServerAnswer(k);
      }
      if (cause.getCause() == null || cause.getCause() == cause) {
        return cause.getClass().getSimpleName()
            + (cause.getMessage() == null
                ? ""
                : ": " + cause.getMessage().lines().findFirst().orElse(""));
      }
    }
    return e.getClass().getSimpleName();
  }
}
