package dev.parkingoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.crd.DatabaseSpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ParkingAppStatus;
import dev.parkingoperator.crd.ParkingAppStatus.Discovery;
import dev.parkingoperator.crd.ParkingAppStatus.Storage;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.scrape.ScrapeResult;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.validation.Problem;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The status derivation, driven directly: observed objects in, status out. */
class StatusComputerTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private static ParkingApp app() {
    ParkingApp app = Apps.app("ns", "shop");
    app.getMetadata().setGeneration(3L);
    return app;
  }

  private static Deployment deployment(int wanted, int ready, int updated, long observed) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withGeneration(2L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(wanted)
        .endSpec()
        .withNewStatus()
        .withReplicas(wanted)
        .withReadyReplicas(ready)
        .withUpdatedReplicas(updated)
        .withObservedGeneration(observed)
        .endStatus()
        .build();
  }

  private static ParkingAppStatus observed(ParkingApp app, Optional<Deployment> deployment) {
    return StatusComputer.observed(app, AppSettings.of(app), deployment, Discovery.Annotations, T0);
  }

  private static Condition condition(ParkingAppStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  @Test
  void aRolledOutDeploymentIsReadyAndNoLongerProgressing() {
    ParkingAppStatus status = observed(app(), Optional.of(deployment(2, 2, 2, 2)));

    assertThat(StatusComputer.isReady(status)).isTrue();
    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo("AllReplicasReady");
    assertThat(condition(status, Conditions.PROGRESSING).getStatus()).isEqualTo("False");
    assertThat(condition(status, Conditions.DEGRADED).getReason()).isEqualTo("AsExpected");
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getReadyReplicas()).isEqualTo(2);
    assertThat(status.getDiscovery()).isEqualTo(Discovery.Annotations);
    assertThat(status.getMetricsEndpoint()).isEqualTo("http://shop.ns.svc:9568/metrics");
  }

  @Test
  void aDeploymentTheControllerHasNotSeenYetIsStillRollingOut() {
    ParkingAppStatus status = observed(app(), Optional.of(deployment(2, 2, 2, 1)));

    assertThat(StatusComputer.isReady(status)).isFalse();
    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo("ReplicasNotReady");
    assertThat(condition(status, Conditions.PROGRESSING).getReason()).isEqualTo("RollingOut");
  }

  @Test
  void noDeploymentYetIsNotReady() {
    ParkingAppStatus status = observed(app(), Optional.empty());

    assertThat(condition(status, Conditions.READY).getMessage())
        .isEqualTo("0 of 1 replicas are ready.");
  }

  @Test
  void aRolloutPastItsDeadlineIsStuckAndDegraded() {
    Deployment stuck = deployment(2, 1, 1, 2);
    stuck
        .getStatus()
        .setConditions(
            List.of(
                new DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"shop-7d9\" has timed out progressing.")
                    .build()));

    ParkingAppStatus status = observed(app(), Optional.of(stuck));

    assertThat(condition(status, Conditions.PROGRESSING).getStatus()).isEqualTo("False");
    assertThat(condition(status, Conditions.PROGRESSING).getReason())
        .isEqualTo("ProgressDeadlineExceeded");
    assertThat(condition(status, Conditions.DEGRADED).getStatus()).isEqualTo("True");
    assertThat(condition(status, Conditions.DEGRADED).getMessage()).contains("timed out");
    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo("ReplicasNotReady");
  }

  @Test
  void zeroReplicasIsScaledToZeroAndNotProgressing() {
    ParkingAppStatus status = observed(app(), Optional.of(deployment(0, 0, 0, 2)));

    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo("ScaledToZero");
    assertThat(condition(status, Conditions.PROGRESSING).getReason()).isEqualTo("RolloutComplete");
  }

  @Test
  void storageIsAStableCodeWithTheSecretApart() {
    ParkingApp app = app();
    assertThat(observed(app, Optional.empty()).getStorage()).isEqualTo(Storage.EmbeddedEmptyDir);

    DatabaseSpec database = new DatabaseSpec();
    database.setSecretName("db");
    app.getSpec().setDatabase(database);
    ParkingAppStatus status = observed(app, Optional.empty());

    assertThat(status.getStorage()).isEqualTo(Storage.PostgreSQL);
    assertThat(status.getDatabaseSecret()).isEqualTo("db");
  }

  @Test
  void anInvalidSpecNamesItsProblemsAndKeepsWhatWasObserved() {
    ParkingApp app = app();
    app.setStatus(observed(app, Optional.of(deployment(2, 2, 2, 2))));

    ParkingAppStatus status =
        StatusComputer.invalid(
            app, List.of(new Problem("spec.port", "spec.port must be between 1 and 65535.")), T1);

    assertThat(condition(status, Conditions.READY).getReason())
        .isEqualTo(StatusComputer.INVALID_SPEC);
    assertThat(condition(status, Conditions.READY).getMessage()).contains("spec.port");
    assertThat(condition(status, Conditions.DEGRADED).getStatus()).isEqualTo("True");
    assertThat(status.getReadyReplicas()).as("the last valid spec's pods still run").isEqualTo(2);
  }

  @Test
  void aTransitionTimeMovesOnlyWhenItsStatusChanges() {
    ParkingApp app = app();
    app.setStatus(observed(app, Optional.of(deployment(2, 1, 2, 2))));

    ParkingAppStatus later =
        StatusComputer.observed(
            app, AppSettings.of(app), Optional.of(deployment(2, 1, 2, 2)), null, T1);
    assertThat(condition(later, Conditions.READY).getLastTransitionTime()).isEqualTo(T0.toString());

    ParkingAppStatus ready =
        StatusComputer.observed(
            app, AppSettings.of(app), Optional.of(deployment(2, 2, 2, 2)), null, T1);
    assertThat(condition(ready, Conditions.READY).getLastTransitionTime()).isEqualTo(T1.toString());
  }

  @Test
  void aFailureToApplyIsDegradedAndKeepsReady() {
    ParkingApp app = app();
    app.setStatus(observed(app, Optional.of(deployment(2, 2, 2, 2))));

    ParkingAppStatus status = StatusComputer.failed(app, "API server answered 500", T1);

    assertThat(condition(status, Conditions.DEGRADED).getReason()).isEqualTo("ReconcileError");
    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo("AllReplicasReady");
  }

  @Test
  void aScrapeCheckAddsMetricsReachableAndAMissingOneKeepsTheLast() {
    ParkingApp app = app();
    ParkingAppStatus checked =
        StatusComputer.withScrapeCheck(
            app, observed(app, Optional.empty()), true, Optional.of(ScrapeResult.noReadyPod()), T0);
    assertThat(condition(checked, Conditions.METRICS_REACHABLE).getReason())
        .isEqualTo("NoReadyPod");

    app.setStatus(checked);
    ParkingAppStatus kept =
        StatusComputer.withScrapeCheck(
            app, observed(app, Optional.empty()), true, Optional.empty(), T1);
    assertThat(condition(kept, Conditions.METRICS_REACHABLE))
        .isEqualTo(condition(checked, Conditions.METRICS_REACHABLE));

    ParkingAppStatus off =
        StatusComputer.withScrapeCheck(
            app, observed(app, Optional.empty()), false, Optional.empty(), T1);
    assertThat(Conditions.find(off.getConditions(), Conditions.METRICS_REACHABLE)).isEmpty();
  }
}
