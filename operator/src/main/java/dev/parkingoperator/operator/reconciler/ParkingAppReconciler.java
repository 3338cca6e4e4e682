package dev.parkingoperator.operator.reconciler;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ParkingAppStatus;
import dev.parkingoperator.operator.dependent.AppSettings;
import dev.parkingoperator.operator.dependent.DeploymentDependent;
import dev.parkingoperator.operator.dependent.DesiredNetworkPolicy;
import dev.parkingoperator.operator.dependent.NetworkPolicyDependent;
import dev.parkingoperator.operator.dependent.PodDisruptionBudgetDependent;
import dev.parkingoperator.operator.dependent.ServiceDependent;
import dev.parkingoperator.operator.monitor.PodMonitors;
import dev.parkingoperator.operator.scrape.ScrapeCheck;
import dev.parkingoperator.operator.scrape.ScrapeResult;
import dev.parkingoperator.operator.validation.ParkingAppValidator;
import dev.parkingoperator.operator.validation.Problem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import java.util.stream.Collectors;
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

  private final KubernetesClient client;
  private final Clock clock;
  private final WarningEvents events;
  private final ScrapeCheck scrapeCheck;
  private final PodMonitors podMonitors;
  private final NetworkPolicyPeer operatorPeer;
  private final AppStatusListener statusListener;
  private volatile Instant prunedAt = Instant.EPOCH;

  /**
   * @param scrapeCheck {@code null} to never fetch the apps' metrics endpoints
   * @param operatorNamespace where the operator's pods run, for the NetworkPolicy peer that lets
   *     the scrape check through; {@code null} when unknown
   */
  public ParkingAppReconciler(
      KubernetesClient client,
      Clock clock,
      ScrapeCheck scrapeCheck,
      String operatorNamespace,
      AppStatusListener statusListener) {
    this.client = client;
    this.clock = clock;
    this.events = new WarningEvents(client, clock);
    this.scrapeCheck = scrapeCheck;
    this.podMonitors = new PodMonitors(client, clock);
    this.operatorPeer =
        scrapeCheck == null ? null : DesiredNetworkPolicy.operatorPeer(operatorNamespace);
    this.statusListener = statusListener;
  }

  @Override
  public UpdateControl<ParkingApp> reconcile(ParkingApp app, Context<ParkingApp> context) {
    Optional<Secret> secret = databaseSecret(app);
    List<Problem> problems = ParkingAppValidator.validate(app, secret);
    if (!problems.isEmpty()) {
      return refuse(app, problems);
    }
    if (operatorPeer != null) {
      context
          .managedWorkflowAndDependentResourceContext()
          .put(NetworkPolicyDependent.OPERATOR_PEER, operatorPeer);
    }
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class);
    AppSettings settings = AppSettings.of(app);
    String discovery = podMonitors.reconcile(app, settings);
    ParkingAppStatus status = StatusComputer.observed(app, settings, deployment, clock.instant());
    status.setDiscovery(settings.metricsEnabled() ? discovery : null);
    boolean ready =
        Conditions.find(status.getConditions(), Conditions.READY)
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
    boolean checking = scrapeCheck != null && settings.metricsEnabled() && ready;
    Optional<ScrapeResult> scraped =
        checking ? scrapeCheck.checkIfDue(app, settings) : Optional.empty();
    scraped
        .filter(result -> !result.reachable())
        .ifPresent(
            result ->
                LOG.warn(
                    "{}: metrics not reachable ({}): {}",
                    id(app),
                    result.reason(),
                    result.message()));
    status =
        StatusComputer.withScrapeCheck(
            app,
            status,
            settings.metricsEnabled() && scrapeCheck != null,
            scraped,
            clock.instant());
    statusListener.readiness(app.getMetadata().getNamespace(), app.getMetadata().getName(), ready);
    forgetDeletedApps(context);
    UpdateControl<ParkingApp> control = withStatus(app, status);
    return checking ? control.rescheduleAfter(scrapeCheck.interval()) : control;
  }

  /**
   * Deleted apps are not reconciled (no finalizer), so their series are pruned against the cache
   * now and then.
   */
  private void forgetDeletedApps(Context<ParkingApp> context) {
    Instant now = clock.instant();
    if (prunedAt.plusSeconds(30).isAfter(now)) {
      return;
    }
    prunedAt = now;
    statusListener.retain(
        context
            .getPrimaryCache()
            .list()
            .map(a -> a.getMetadata().getNamespace() + "/" + a.getMetadata().getName())
            .collect(Collectors.toSet()));
  }

  private UpdateControl<ParkingApp> refuse(ParkingApp app, List<Problem> problems) {
    statusListener.readiness(app.getMetadata().getNamespace(), app.getMetadata().getName(), false);
    ParkingAppStatus status = StatusComputer.invalid(app, problems, clock.instant());
    if (!Objects.equals(status, app.getStatus())) {
      String message =
          Conditions.find(status.getConditions(), Conditions.READY).orElseThrow().getMessage();
      LOG.warn("{}: {}", id(app), message);
      events.warn(app, StatusComputer.INVALID_SPEC, message);
    }
    UpdateControl<ParkingApp> control = withStatus(app, status);
    boolean secretMissing =
        problems.stream().anyMatch(p -> p.field().equals("spec.database.secretName"));
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
    if (app.getSpec() == null
        || app.getSpec().getDatabase() == null
        || app.getSpec().getDatabase().getSecretName() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        client
            .secrets()
            .inNamespace(app.getMetadata().getNamespace())
            .withName(app.getSpec().getDatabase().getSecretName())
            .get());
  }

  /** One line per failed attempt; the framework retries with backoff. */
  @Override
  public ErrorStatusUpdateControl<ParkingApp> updateErrorStatus(
      ParkingApp app, Context<ParkingApp> context, Exception e) {
    String message = "Applying the spec failed and will be retried: " + rootMessage(e);
    int attempt = context.getRetryInfo().map(r -> r.getAttemptCount() + 1).orElse(1);
    LOG.warn("{}: attempt {} failed, will retry: {}", id(app), attempt, rootMessage(e));
    ParkingAppStatus status = StatusComputer.failed(app, message, clock.instant());
    if (Objects.equals(status, app.getStatus())) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    app.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(app);
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
        return "API server answered "
            + k.getCode()
            + (k.getStatus() != null && k.getStatus().getReason() != null
                ? " " + k.getStatus().getReason()
                : "");
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

  static String id(ParkingApp app) {
    return app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
  }
}
