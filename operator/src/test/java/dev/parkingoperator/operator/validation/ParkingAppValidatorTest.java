package dev.parkingoperator.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.crd.DatabaseSpec;
import dev.parkingoperator.crd.MetricsSpec;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.support.Apps;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One line per bad field: the change to a valid app, the field reported, and its message. */
class ParkingAppValidatorTest {

  private static final Secret COMPLETE_SECRET =
      new SecretBuilder()
          .withNewMetadata()
          .withName("db")
          .endMetadata()
          .withData(Map.of("url", "eA==", "username", "eA==", "password", "eA=="))
          .build();

  private static List<Problem> validate(Consumer<ParkingApp> change, Optional<Secret> secret) {
    ParkingApp app = Apps.app("ns", "app");
    change.accept(app);
    return ParkingAppValidator.validate(app, secret);
  }

  private static void assertProblem(Consumer<ParkingApp> change, String field, String message) {
    assertProblem(change, Optional.empty(), field, message);
  }

  private static void assertProblem(
      Consumer<ParkingApp> change, Optional<Secret> secret, String field, String message) {
    assertThat(validate(change, secret))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.message()).contains(message);
            });
  }

  private static MetricsSpec metrics(Integer port, String path, Boolean enabled) {
    MetricsSpec metrics = new MetricsSpec();
    metrics.setPort(port);
    metrics.setPath(path);
    metrics.setEnabled(enabled);
    return metrics;
  }

  private static DatabaseSpec database(String secret) {
    DatabaseSpec database = new DatabaseSpec();
    database.setSecretName(secret);
    return database;
  }

  @Test
  void aMinimalAppIsValid() {
    assertThat(validate(app -> {}, Optional.empty())).isEmpty();
  }

  @Test
  void aFullAppIsValid() {
    assertThat(
            validate(
                app -> {
                  app.getSpec().setReplicas(3);
                  app.getSpec().setPort(8000);
                  app.getSpec().setMetrics(metrics(9000, "/internal/metrics", true));
                  app.getSpec().setPodAnnotations(Map.of("team", "parking"));
                  app.getSpec().setPodLabels(Map.of("tier", "api"));
                  app.getSpec().setEnv(List.of(new EnvVar("JAVA_TOOL_OPTIONS", "-Xss512k", null)));
                  app.getSpec().setDatabase(database("db"));
                },
                Optional.of(COMPLETE_SECRET)))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lot.v2", "1lot", "Lot", "lot-", "lot_a"})
  void refusesANameThatCannotNameAService(String name) {
    assertProblem(
        app -> app.getMetadata().setName(name), "metadata.name", "must be a DNS-1035 label");
  }

  @Test
  void refusesARequestAboveItsLimitAsTheApiServerWould() {
    assertProblem(
        app ->
            app.getSpec()
                .setResources(
                    new ResourceRequirementsBuilder()
                        .withRequests(Map.of("memory", new Quantity("1024Mi")))
                        .withLimits(Map.of("memory", new Quantity("1e9")))
                        .build()),
        "spec.resources.requests.memory",
        "(1024Mi) must not exceed spec.resources.limits.memory (1e9)");
    assertThat(
            validate(
                app ->
                    app.getSpec()
                        .setResources(
                            new ResourceRequirementsBuilder()
                                .withRequests(Map.of("cpu", new Quantity("0.5")))
                                .withLimits(Map.of("cpu", new Quantity("500m")))
                                .build()),
                Optional.empty()))
        .as("equal amounts written differently")
        .isEmpty();
  }

  @Test
  void refusesANameLongerThanALabel() {
    assertProblem(
        app -> app.getMetadata().setName("a".repeat(64)), "metadata.name", "at most 63 characters");
    assertThat(validate(app -> app.getMetadata().setName("a".repeat(63)), Optional.empty()))
        .isEmpty();
  }

  @Test
  void reportsEachBadField() {
    assertProblem(app -> app.setSpec(null), "spec", "spec is required");
    assertProblem(app -> app.getSpec().setImage(null), "spec.image", "spec.image is required");
    assertProblem(
        app -> app.getSpec().setImage("bad image"), "spec.image", "must not contain spaces");
    assertProblem(
        app -> app.getSpec().setReplicas(101), "spec.replicas", "between 0 and 100, got 101");
    assertProblem(
        app -> app.getSpec().setReplicas(-1), "spec.replicas", "between 0 and 100, got -1");
    assertProblem(
        app -> app.getSpec().setPort(70000), "spec.port", "between 1 and 65535, got 70000");
    assertProblem(
        app -> app.getSpec().setMetrics(metrics(0, null, null)),
        "spec.metrics.port",
        "between 1 and 65535, got 0");
    assertProblem(
        app -> app.getSpec().setMetrics(metrics(8080, null, null)),
        "spec.metrics.port",
        "must differ from spec.port (both are 8080)");
    assertProblem(
        app -> app.getSpec().setMetrics(metrics(null, "metrics", null)),
        "spec.metrics.path",
        "must be a path such as /metrics");
    assertProblem(
        app -> app.getSpec().setMetrics(metrics(null, "/health/x", null)),
        "spec.metrics.path",
        "not / or under /health");
    assertProblem(
        app -> app.getSpec().setPodAnnotations(Map.of("prometheus.io/scrape", "false")),
        "spec.podAnnotations[prometheus.io/scrape]",
        "would override the operator's scrape annotation");
    assertProblem(
        app -> app.getSpec().setPodLabels(Map.of("app.kubernetes.io/instance", "other")),
        "spec.podLabels[app.kubernetes.io/instance]",
        "is set by the operator");
    assertProblem(
        app -> app.getSpec().setEnv(List.of(new EnvVar("PORT", "1", null))),
        "spec.env[0].name",
        "PORT is set by the operator");
    assertProblem(
        app ->
            app.getSpec()
                .setEnv(
                    List.of(new EnvVar("A", "1", null), new EnvVar("PARKING_DB_URL", "x", null))),
        "spec.env[1].name",
        "PARKING_DB_URL is set by the operator");
    assertProblem(
        app -> app.getSpec().setEnv(List.of(new EnvVar(null, "1", null))),
        "spec.env[0].name",
        "is required");
    assertProblem(
        app -> app.getSpec().setDatabase(database("missing")),
        "spec.database.secretName",
        "Secret 'missing' does not exist in this namespace");
    assertProblem(
        app -> app.getSpec().setDatabase(database("db")),
        Optional.of(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .endMetadata()
                .withData(Map.of("url", "eA=="))
                .build()),
        "spec.database.secretName",
        "lacks the key(s) username, password");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThat(
            validate(
                app -> {
                  app.getSpec().setReplicas(500);
                  app.getSpec().setPodAnnotations(Map.of("prometheus.io/port", "1"));
                },
                Optional.empty()))
        .extracting(Problem::field)
        .containsExactly("spec.replicas", "spec.podAnnotations[prometheus.io/port]");
  }
}
