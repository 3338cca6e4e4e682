package dev.parkingoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.crd.ParkingAppStatus;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.DesiredDeployment;
import dev.parkingoperator.operator.model.DesiredService;
import dev.parkingoperator.operator.model.Names;
import dev.parkingoperator.operator.support.Apps;
import dev.parkingoperator.operator.support.RunningOperator;
import dev.parkingoperator.operator.support.controlplane.AdmissionDenial;
import dev.parkingoperator.operator.support.controlplane.AuditLog;
import dev.parkingoperator.operator.support.controlplane.Containment;
import dev.parkingoperator.operator.support.controlplane.ControlPlane;
import dev.parkingoperator.operator.support.controlplane.FakeKubelet;
import dev.parkingoperator.operator.support.controlplane.OperatorOnControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real operator against a real API server and controllers (see ControlPlane), running as the
 * chart's ServiceAccount: what it creates, updates, restores, refuses and reports. Each test uses
 * its own namespace, where Pod Security enforces the restricted profile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParkingAppOperatorTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Map<String, String> RESTRICTED =
      Map.of("pod-security.kubernetes.io/enforce", "restricted");
  private OperatorOnControlPlane running;
  private ControlPlane plane;
  private KubernetesClient client;
  private RunningOperator operator;
  private String operatorUser;
  private final Instant started = Instant.now();
  private final List<FakeKubelet> kubelets = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    plane = ControlPlane.shared();
    client = plane.adminClient();
    // The Prometheus Operator's PodMonitor CRD, so the operator also makes PodMonitors here.
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("podmonitors.monitoring.coreos.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("PodMonitor")
                .withPlural("podmonitors")
                .withSingular("podmonitor")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build())
        .createOr(existing -> existing.update());
    running = OperatorOnControlPlane.start();
    operator = running.operator();
    operatorUser = running.user();
  }

  @AfterAll
  void stop() {
    kubelets.forEach(FakeKubelet::close);
    if (running != null) {
      running.close();
    }
    client.close();
  }

  private String namespace() {
    return plane.newNamespace("ns", RESTRICTED);
  }

  private ParkingApp create(ParkingApp app) {
    return client.resource(app).create();
  }

  private ParkingApp current(String namespace, String name) {
    return client.resources(ParkingApp.class).inNamespace(namespace).withName(name).get();
  }

  /** Edits the spec as kubectl edit would: a patch, so a status write in between is no conflict. */
  private void editSpec(
      String namespace, String name, Consumer<dev.parkingoperator.crd.ParkingAppSpec> change) {
    dev.parkingoperator.operator.support.Conflicts.retry(
        () ->
            client
                .resources(ParkingApp.class)
                .inNamespace(namespace)
                .withName(name)
                .edit(
                    app -> {
                      change.accept(app.getSpec());
                      return app;
                    }));
  }

  private Deployment awaitDeployment(String namespace, String name) {
    return await().atMost(WAIT).until(() -> deployment(namespace, name), d -> d != null);
  }

  private Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private Service service(String namespace, String name) {
    return client.services().inNamespace(namespace).withName(name).get();
  }

  private static Optional<Condition> condition(ParkingApp app, String type) {
    return Optional.ofNullable(app.getStatus())
        .flatMap(s -> Conditions.find(s.getConditions(), type));
  }

  /** Plays the kubelet for the namespace's pods, so the Deployment controller counts them. */
  private void markReady(String namespace, String name) {
    kubelets.add(FakeKubelet.start(client, namespace));
  }

  @Test
  void createsTheDeploymentAndServiceAsTheBuildersSay() {
    String ns = namespace();
    ParkingApp app = create(Apps.app(ns, "shop"));

    Deployment deployment = awaitDeployment(ns, "shop");
    Service service = await().atMost(WAIT).until(() -> service(ns, "shop"), s -> s != null);

    AppSettings settings = AppSettings.of(app);
    assertThat(
            Containment.differences(
                DesiredDeployment.of(app, settings).getSpec(), deployment.getSpec()))
        .as("what the builder wants, as the API server stores it beside its defaults")
        .isEmpty();
    assertThat(
            Containment.differences(DesiredService.of(app, settings).getSpec(), service.getSpec()))
        .isEmpty();
    assertThat(deployment.getMetadata().getLabels()).containsAllEntriesOf(Names.labels(app));
    assertThat(deployment.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("ParkingApp");
              assertThat(owner.getName()).isEqualTo("shop");
              assertThat(owner.getController()).isTrue();
            });
    assertThat(service.getMetadata().getOwnerReferences()).hasSize(1);
    Map<String, String> annotations =
        deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "9568")
        .containsEntry("prometheus.io/path", "/metrics")
        .containsEntry("prometheus.io/scheme", "http");
  }

  @Test
  void reportsReadinessFromTheDeployment() {
    String ns = namespace();
    create(Apps.app(ns, "ready"));
    awaitDeployment(ns, "ready");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ParkingApp app = current(ns, "ready");
              assertThat(condition(app, "Ready"))
                  .hasValueSatisfying(
                      c -> {
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getReason()).isEqualTo("ReplicasNotReady");
                      });
              assertThat(app.getStatus().getMetricsEndpoint())
                  .isEqualTo("http://ready." + ns + ".svc:9568/metrics");
              assertThat(app.getStatus().getStorage())
                  .isEqualTo(ParkingAppStatus.Storage.EmbeddedEmptyDir);
            });

    markReady(ns, "ready");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ParkingApp app = current(ns, "ready");
              assertThat(app.getStatus().getReadyReplicas()).isEqualTo(1);
              assertThat(condition(app, "Ready"))
                  .hasValueSatisfying(
                      c -> {
                        assertThat(c.getStatus()).isEqualTo("True");
                        assertThat(c.getReason()).isEqualTo("AllReplicasReady");
                        assertThat(c.getMessage()).isEqualTo("All 1 replicas are ready.");
                        assertThat(c.getObservedGeneration())
                            .isEqualTo(app.getMetadata().getGeneration());
                      });
              assertThat(condition(app, "Progressing"))
                  .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
              assertThat(condition(app, "Degraded"))
                  .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
            });
  }

  @Test
  void appliesSpecChanges() {
    String ns = namespace();
    create(Apps.app(ns, "change"));
    awaitDeployment(ns, "change");

    editSpec(
        ns,
        "change",
        spec -> {
          spec.setImage("registry.example.com/parking-service:0.2.0");
          spec.setReplicas(3);
          spec.setPort(8000);
          MetricsSpec metrics = new MetricsSpec();
          metrics.setPort(9100);
          metrics.setPath("/prom");
          spec.setMetrics(metrics);
        });

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment deployment = deployment(ns, "change");
              assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
              var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
              assertThat(container.getImage())
                  .isEqualTo("registry.example.com/parking-service:0.2.0");
              assertThat(container.getPorts())
                  .extracting(p -> p.getName() + "=" + p.getContainerPort())
                  .containsExactly("http=8000", "metrics=9100");
              assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                  .containsEntry("prometheus.io/port", "9100")
                  .containsEntry("prometheus.io/path", "/prom");
              assertThat(service(ns, "change").getSpec().getPorts())
                  .extracting(p -> p.getName() + "=" + p.getPort())
                  .containsExactly("http=8000", "metrics=9100");
            });
  }

  @Test
  void turningMetricsOffRemovesTheAnnotationsAndTheMetricsPort() {
    String ns = namespace();
    create(Apps.app(ns, "quiet"));
    awaitDeployment(ns, "quiet");

    editSpec(
        ns,
        "quiet",
        spec -> {
          MetricsSpec metrics = new MetricsSpec();
          metrics.setEnabled(false);
          spec.setMetrics(metrics);
        });

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment deployment = deployment(ns, "quiet");
              assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                  .doesNotContainKeys(
                      "prometheus.io/scrape",
                      "prometheus.io/port",
                      "prometheus.io/path",
                      "prometheus.io/scheme");
              assertThat(
                      deployment
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .getPorts())
                  .extracting(p -> p.getName())
                  .containsExactly("http");
              assertThat(service(ns, "quiet").getSpec().getPorts())
                  .extracting(p -> p.getName())
                  .containsExactly("http");
              assertThat(current(ns, "quiet").getStatus().getMetricsEndpoint()).isNull();
            });
  }

  @Test
  void restoresDriftAndDeletedObjects() {
    String ns = namespace();
    create(Apps.app(ns, "drift"));
    Deployment original = awaitDeployment(ns, "drift");
    await().atMost(WAIT).until(() -> service(ns, "drift") != null);

    Deployment tampered = deployment(ns, "drift");
    tampered.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil:latest");
    tampered.getSpec().getTemplate().getMetadata().getAnnotations().remove("prometheus.io/scrape");
    client.resource(tampered).update();
    client.services().inNamespace(ns).withName("drift").delete();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment restored = deployment(ns, "drift");
              assertThat(
                      restored.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .isEqualTo(Apps.IMAGE);
              assertThat(restored.getSpec().getTemplate().getMetadata().getAnnotations())
                  .isEqualTo(original.getSpec().getTemplate().getMetadata().getAnnotations());
              assertThat(service(ns, "drift")).isNotNull();
            });
  }

  @Test
  void leavesReplicasToOthersWhenTheSpecDoesNotSetThem() {
    String ns = namespace();
    create(Apps.app(ns, "scaled"));
    Deployment deployment = awaitDeployment(ns, "scaled");
    assertThat(deployment.getSpec().getReplicas())
        .as("a new Deployment starts with 1")
        .isEqualTo(1);

    client.apps().deployments().inNamespace(ns).withName("scaled").scale(4);
    editSpec(
        ns,
        "scaled",
        spec -> spec.setImage("registry.example.com/parking-service:0.3.0")); // forces an update

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment live = deployment(ns, "scaled");
              assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .endsWith(":0.3.0");
              assertThat(live.getSpec().getReplicas())
                  .as("the autoscaler's count survives")
                  .isEqualTo(4);
            });
  }

  @Test
  void theApiServerRefusesWhatTheSchemaForbids() {
    String ns = namespace();
    ParkingApp clash = Apps.app(ns, "clash");
    MetricsSpec metrics = new MetricsSpec();
    metrics.setPort(8080); // the API port
    clash.getSpec().setMetrics(metrics);

    assertThatThrownBy(() -> create(clash))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.metrics.port must differ from spec.port");
    assertThatThrownBy(() -> create(Apps.app(ns, "lot.v2")))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("must be a DNS-1035 label");
  }

  @Test
  void refusesAnInvalidSpecAndLeavesTheLastValidObjects() {
    String ns = namespace();
    create(Apps.app(ns, "bad"));
    Deployment before = awaitDeployment(ns, "bad");

    Instant edited = Instant.now();
    editSpec(
        ns,
        "bad",
        spec -> {
          // Only the validator knows this one: the operator sets the scrape annotations.
          spec.setPodAnnotations(Map.of("prometheus.io/port", "1"));
          spec.setImage("registry.example.com/parking-service:9.9.9");
        });

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ParkingApp app = current(ns, "bad");
              assertThat(condition(app, "Ready"))
                  .hasValueSatisfying(
                      c -> {
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getReason()).isEqualTo("InvalidSpec");
                        assertThat(c.getMessage())
                            .contains("spec.podAnnotations[prometheus.io/port]");
                      });
              assertThat(condition(app, "Degraded"))
                  .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
              List<Event> events = client.v1().events().inNamespace(ns).list().getItems();
              assertThat(events)
                  .anySatisfy(
                      e -> {
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getReason()).isEqualTo("InvalidSpec");
                        assertThat(e.getInvolvedObject().getName()).isEqualTo("bad");
                        assertThat(e.getMessage()).contains("spec.podAnnotations");
                      });
            });
    Deployment after = deployment(ns, "bad");
    assertThat(after.getSpec()).isEqualTo(before.getSpec());
    // The Deployment controller writes its status; the operator wrote nothing to it.
    assertThat(AuditLog.writesBy(plane.auditLog(), operatorUser, edited))
        .filteredOn(w -> w.namespace().equals(ns) && w.resource().equals("deployments"))
        .isEmpty();
  }

  @Test
  void anIdleOperatorWritesNothing() throws InterruptedException {
    String ns = namespace();
    create(Apps.app(ns, "idle"));
    awaitDeployment(ns, "idle");
    markReady(ns, "idle");
    await()
        .atMost(WAIT)
        .until(
            () ->
                condition(current(ns, "idle"), "Ready")
                    .map(c -> c.getStatus().equals("True"))
                    .orElse(false));
    await("MetricsReachable recorded")
        .atMost(WAIT)
        .until(() -> condition(current(ns, "idle"), "MetricsReachable").isPresent());
    Thread.sleep(1500); // let the last status write's own events pass through

    Instant idleFrom = Instant.now();
    Thread.sleep(5000);

    assertThat(AuditLog.writesBy(plane.auditLog(), operatorUser, idleFrom))
        .filteredOn(write -> write.namespace().equals(ns))
        .as("writes while idle")
        .isEmpty();
    ParkingAppStatus status = current(ns, "idle").getStatus();
    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .containsExactly("Ready", "Progressing", "Degraded", "MetricsReachable");
    assertThat(Conditions.find(status.getConditions(), "MetricsReachable"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason())
                  .as("the stand-in kubelet's pods have addresses nothing listens on")
                  .isNotEqualTo("Scraped");
            });
  }

  @Test
  void aRolloutTheDeploymentControllerGaveUpOnIsDegraded() {
    String ns = namespace(); // no kubelet here: the pods never become ready
    create(Apps.app(ns, "stuck"));
    awaitDeployment(ns, "stuck");
    // A field the operator does not set; shortened, the real Deployment controller soon gives up.
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("stuck")
        .edit(
            d -> {
              d.getSpec().setProgressDeadlineSeconds(2);
              return d;
            });

    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(
            () -> {
              ParkingApp app = current(ns, "stuck");
              assertThat(condition(app, "Progressing"))
                  .hasValueSatisfying(
                      c -> {
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
                      });
              assertThat(condition(app, "Degraded"))
                  .hasValueSatisfying(
                      c -> {
                        assertThat(c.getStatus()).isEqualTo("True");
                        assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
                        assertThat(c.getMessage()).contains("progress");
                      });
            });
  }

  @Test
  void deletingTheAppLeavesNoFinalizerBehind() {
    String ns = namespace();
    create(Apps.app(ns, "gone"));
    Deployment deployment = awaitDeployment(ns, "gone");
    assertThat(current(ns, "gone").getMetadata().getFinalizers()).isEmpty();

    client.resources(ParkingApp.class).inNamespace(ns).withName("gone").delete();

    await().atMost(WAIT).until(() -> current(ns, "gone") == null);
    await("the garbage collector follows the owner reference")
        .atMost(WAIT)
        .until(() -> deployment(ns, "gone") == null && service(ns, "gone") == null);
    assertThat(deployment.getMetadata().getOwnerReferences().get(0).getUid()).isNotBlank();
  }

  @Test
  void retriesWhenTheApiServerFails() {
    String ns = namespace();
    Instant from = Instant.now();
    try (AdmissionDenial denial = AdmissionDenial.denyDeployments(client, ns)) {
      create(Apps.app(ns, "flaky"));
      await("refused by the API server twice")
          .atMost(WAIT)
          .until(
              () ->
                  AuditLog.writesBy(plane.auditLog(), operatorUser, from).stream()
                          .filter(w -> w.resource().equals("deployments") && w.code() >= 400)
                          .count()
                      >= 2);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(condition(current(ns, "flaky"), "Degraded"))
                      .hasValueSatisfying(
                          c -> {
                            assertThat(c.getStatus()).isEqualTo("True");
                            assertThat(c.getReason()).isEqualTo("ReconcileError");
                            assertThat(c.getMessage()).contains("refused by a test");
                          }));
    }

    Deployment deployment = awaitDeployment(ns, "flaky");
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(Apps.IMAGE);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(condition(current(ns, "flaky"), "Degraded"))
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False")));
  }

  @Test
  void servesItsOwnTelemetry() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + operator.telemetryPort();
    create(Apps.app(namespace(), "observed"));

    var ready =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .contains("\"informers\":\"healthy\"")
        .contains("\"operator\":\"started\"");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              String metrics =
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              assertThat(metrics)
                  .contains("operator_sdk_reconciliations_started_total")
                  .contains("operator_sdk_reconciliations_success_total")
                  .contains("parking_operator_build_info{application=\"parking-operator\"")
                  .contains("process_cpu_seconds_total")
                  .contains("jvm_memory_used_bytes")
                  .containsPattern(
                      "parking_operator_parkingapp_ready\\{[^}]*parkingapp=\"observed\"[^}]*\\}"
                          + " 0.0")
                  .doesNotContain("name=\"observed\"");
            });
  }

  @Test
  void usesADatabaseSecretByReference() {
    String ns = namespace();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace(ns)
                .endMetadata()
                .withStringData(
                    Map.of(
                        "url",
                        "jdbc:postgresql://db/parking",
                        "username",
                        "parking",
                        "password",
                        "s3cret"))
                .build())
        .create();
    ParkingApp app = Apps.app(ns, "persistent");
    dev.parkingoperator.crd.DatabaseSpec database = new dev.parkingoperator.crd.DatabaseSpec();
    database.setSecretName("db");
    app.getSpec().setDatabase(database);
    create(app);

    Deployment deployment = awaitDeployment(ns, "persistent");
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .filteredOn(e -> e.getName().equals("PARKING_DB_PASSWORD"))
        .singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("db"));
    await().atMost(WAIT).until(() -> current(ns, "persistent").getStatus() != null);
    assertThat(current(ns, "persistent").getStatus().getStorage())
        .isEqualTo(ParkingAppStatus.Storage.PostgreSQL);
    assertThat(current(ns, "persistent").getStatus().getDatabaseSecret()).isEqualTo("db");
  }

  @Test
  void guardsTheMetricsPortWithANetworkPolicyThatCanBeTurnedOff() {
    String ns = namespace();
    create(Apps.app(ns, "guarded"));

    var policy =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    client
                        .network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(ns)
                        .withName("guarded")
                        .get(),
                p -> p != null);
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(Names.selectorLabels(Apps.app(ns, "guarded")));
    assertThat(policy.getSpec().getIngress()).hasSize(2);
    assertThat(policy.getSpec().getIngress().get(0).getFrom()).as("API from anywhere").isEmpty();
    assertThat(policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal())
        .isEqualTo(8080);
    var metricsRule = policy.getSpec().getIngress().get(1);
    assertThat(metricsRule.getPorts().get(0).getPort().getIntVal()).isEqualTo(9568);
    assertThat(metricsRule.getFrom().get(0).getPodSelector().getMatchLabels())
        .containsExactlyEntriesOf(Map.of("app.kubernetes.io/name", "prometheus"));
    assertThat(metricsRule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
        .as("any namespace")
        .isNullOrEmpty();
    assertThat(metricsRule.getFrom())
        .as("Prometheus, and the operator for its scrape check")
        .hasSize(2);
    assertThat(metricsRule.getFrom().get(1).getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "parking-operator");

    editSpec(
        ns,
        "guarded",
        spec -> {
          var networkPolicy = new dev.parkingoperator.crd.NetworkPolicySpec();
          networkPolicy.setEnabled(false);
          spec.setNetworkPolicy(networkPolicy);
        });

    await()
        .atMost(WAIT)
        .until(
            () ->
                client.network().v1().networkPolicies().inNamespace(ns).withName("guarded").get()
                    == null);
  }

  @Test
  void keepsAPodDisruptionBudgetWhileReplicated() {
    String ns = namespace();
    ParkingApp app = Apps.app(ns, "replicated");
    app.getSpec().setReplicas(2);
    create(app);

    var budget =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    client
                        .policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(ns)
                        .withName("replicated")
                        .get(),
                b -> b != null);
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Names.selectorLabels(app));

    client
        .policy()
        .v1()
        .podDisruptionBudget()
        .inNamespace(ns)
        .withName("replicated")
        .edit(
            b ->
                new PodDisruptionBudgetBuilder(b)
                    .editSpec()
                    .withMaxUnavailable(new IntOrString(3))
                    .endSpec()
                    .build());
    await("drift restored")
        .atMost(WAIT)
        .until(
            () ->
                client
                        .policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(ns)
                        .withName("replicated")
                        .get()
                        .getSpec()
                        .getMaxUnavailable()
                        .getIntVal()
                    == 1);

    editSpec(ns, "replicated", spec -> spec.setReplicas(1));

    await()
        .atMost(WAIT)
        .until(
            () ->
                client
                        .policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(ns)
                        .withName("replicated")
                        .get()
                    == null);
  }

  @Test
  void makesAPodMonitorWhenThePrometheusOperatorIsThere() {
    String ns = namespace();
    create(Apps.app(ns, "monitored"));
    var podMonitors =
        client
            .genericKubernetesResources(
                dev.parkingoperator.operator.model.DesiredPodMonitor.CONTEXT)
            .inNamespace(ns);

    var monitor =
        await().atMost(WAIT).until(() -> podMonitors.withName("monitored").get(), m -> m != null);
    assertThat(
            client
                .getKubernetesSerialization()
                .asJson(monitor.getAdditionalProperties().get("spec")))
        .contains("\"port\":\"metrics\"")
        .contains("\"path\":\"/metrics\"")
        .contains("\"interval\":\"30s\"")
        .contains("\"app.kubernetes.io/instance\":\"monitored\"");
    await()
        .atMost(WAIT)
        .until(
            () ->
                ParkingAppStatus.Discovery.AnnotationsAndPodMonitor.equals(
                    Optional.ofNullable(current(ns, "monitored").getStatus())
                        .map(ParkingAppStatus::getDiscovery)
                        .orElse(null)));

    editSpec(
        ns,
        "monitored",
        spec -> {
          MetricsSpec metrics = new MetricsSpec();
          metrics.setInterval("15s");
          spec.setMetrics(metrics);
        });
    await()
        .atMost(WAIT)
        .until(
            () ->
                client
                    .getKubernetesSerialization()
                    .asJson(podMonitors.withName("monitored").get())
                    .contains("15s"));

    editSpec(ns, "monitored", spec -> spec.getMetrics().setMonitor(MetricsSpec.Monitor.none));
    await().atMost(WAIT).until(() -> podMonitors.withName("monitored").get() == null);
    await()
        .atMost(WAIT)
        .until(
            () ->
                ParkingAppStatus.Discovery.Annotations
                    == current(ns, "monitored").getStatus().getDiscovery());
  }

  /**
   * Runs last: every call the operator made in the tests above was granted by the chart's RBAC (the
   * real authorizer), and every right it declares was used or is one others check.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void everyCallTheOperatorMadeIsGrantedByItsDeclaredPermissions() {
    List<AuditLog.Write> requests = AuditLog.requestsBy(plane.auditLog(), operatorUser, started);
    assertThat(requests)
        .as("the real authorizer refused nothing the operator asked")
        .noneMatch(request -> request.code() == 403);
    List<dev.parkingoperator.operator.support.ApiCall> calls =
        requests.stream()
            .map(
                request ->
                    new dev.parkingoperator.operator.support.ApiCall(
                        request.apiGroup(), request.resource(), request.verb()))
            .distinct()
            .toList();

    List<dev.parkingoperator.operator.support.ApiCall> declared =
        Stream.concat(
                dev.parkingoperator.operator.rbac.RequiredPermissions.watched().stream(),
                dev.parkingoperator.operator.rbac.RequiredPermissions.clusterScoped().stream())
            .flatMap(
                rule ->
                    rule.verbs().stream()
                        .map(
                            verb ->
                                new dev.parkingoperator.operator.support.ApiCall(
                                    rule.apiGroup(), rule.resource(), verb)))
            .filter(call -> !checkedNotCalled(call))
            .toList();
    assertThat(calls)
        .as("what the operator called, against what it declares (no more, no less)")
        .containsExactlyInAnyOrderElementsOf(declared);
  }

  /** A right others check (admission, the SDK) and no call of the operator's uses. */
  static boolean checkedNotCalled(dev.parkingoperator.operator.support.ApiCall call) {
    return dev.parkingoperator.operator.rbac.RequiredPermissions.checkedNotCalled().stream()
        .anyMatch(
            rule ->
                rule.apiGroup().equals(call.apiGroup())
                    && rule.resource().equals(call.resource())
                    && rule.verbs().contains(call.verb()));
  }
}
