package dev.parkingoperator.operator.validation;

import dev.parkingoperator.config.TelemetryEndpointRules;
import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the CRD schema cannot say, or what the API server may not have enforced (the schema's ranges
 * are checked again, so a ParkingApp applied without validation is still refused). Pure: the
 * Secret, when one is named, is looked up by the caller and passed in.
 */
public final class ParkingAppValidator {

  /** Keys the database Secret must have. */
  public static final List<String> SECRET_KEYS = List.of("url", "username", "password");

  private static final String METRICS_PORT = "spec.metrics.port";
  private static final String METRICS_PATH = "spec.metrics.path";
  private static final String DATABASE_SECRET = "spec.database.secretName";
  private static final Set<String> RESERVED_ENV_PREFIXES = Set.of("METRICS_", "PARKING_", "POD_");
  private static final Set<String> RESERVED_ENV =
      Set.of("PORT", "HTTP_BIND", "SHUTDOWN_GRACE_SECONDS", "SERVICE_NAME");

  private ParkingAppValidator() {}

  /**
   * Whether {@code problem} is about the database Secret, which can be fixed outside the ParkingApp
   * (by creating or completing the Secret), so it is worth looking again later.
   */
  public static boolean concernsDatabaseSecret(Problem problem) {
    return problem.field().equals(DATABASE_SECRET);
  }

  /**
   * @param secret the Secret named by spec.database.secretName, if it exists; ignored without one
   */
  public static List<Problem> validate(ParkingApp app, Optional<Secret> secret) {
    List<Problem> problems = new ArrayList<>();
    if (app.getSpec() == null) {
      problems.add(new Problem("spec", "spec is required."));
      return problems;
    }
    checkName(problems, app.getMetadata().getName());
    AppSettings settings = AppSettings.of(app);
    if (settings.image() == null
        || settings.image().isBlank()
        || settings.image().chars().anyMatch(Character::isWhitespace)) {
      problems.add(
          new Problem("spec.image", "spec.image is required and must not contain spaces."));
    }
    settings
        .replicas()
        .filter(replicas -> replicas < 0 || replicas > 100)
        .ifPresent(
            replicas ->
                problems.add(
                    new Problem(
                        "spec.replicas",
                        "spec.replicas must be between 0 and 100, got " + replicas + ".")));
    checkPort(problems, "spec.port", settings.port());
    checkPort(problems, METRICS_PORT, settings.metrics().port());
    TelemetryEndpointRules.portProblem(
            METRICS_PORT, settings.metrics().port(), "spec.port", settings.port())
        .ifPresent(problem -> problems.add(new Problem(METRICS_PORT, problem + ".")));
    TelemetryEndpointRules.pathProblem(METRICS_PATH, settings.metrics().path())
        .ifPresent(problem -> problems.add(new Problem(METRICS_PATH, problem + ".")));
    checkAnnotations(problems, settings.podAnnotations());
    checkLabels(problems, settings.podLabels());
    checkEnv(problems, settings.env());
    checkResources(problems, settings.resources());
    settings.storage().databaseSecret().ifPresent(name -> checkSecret(problems, name, secret));
    return problems;
  }

  /** Checked again here: the CRD's rule is not applied where validation was bypassed. */
  private static void checkName(List<Problem> problems, String name) {
    if (name == null
        || name.length() > ParkingApp.MAX_NAME_LENGTH
        || !name.matches(ParkingApp.NAME_PATTERN)) {
      problems.add(new Problem("metadata.name", ParkingApp.NAME_RULE + ", got '" + name + "'."));
    }
  }

  private static void checkPort(List<Problem> problems, String field, int port) {
    if (port < 1 || port > 65535) {
      problems.add(new Problem(field, field + " must be between 1 and 65535, got " + port + "."));
    }
  }

  private static void checkAnnotations(List<Problem> problems, Map<String, String> annotations) {
    for (String key : annotations.keySet()) {
      if (key.startsWith("prometheus.io/")) {
        problems.add(
            new Problem(
                "spec.podAnnotations[" + key + "]",
                "spec.podAnnotations["
                    + key
                    + "] would override the operator's scrape annotation; set spec.metrics"
                    + " instead."));
      }
    }
  }

  private static void checkLabels(List<Problem> problems, Map<String, String> labels) {
    for (String key : labels.keySet()) {
      if (key.startsWith("app.kubernetes.io/")) {
        problems.add(
            new Problem(
                "spec.podLabels[" + key + "]",
                "spec.podLabels[" + key + "] is set by the operator and cannot be overridden."));
      }
    }
  }

  /**
   * A request above its limit is refused by the API server for the Deployment (422), so it is
   * refused here first, as the spec's fault rather than a write retried for ever.
   */
  private static void checkResources(List<Problem> problems, ResourceRequirements resources) {
    if (resources == null || resources.getRequests() == null || resources.getLimits() == null) {
      return;
    }
    resources
        .getRequests()
        .forEach(
            (resource, request) -> {
              Quantity limit = resources.getLimits().get(resource);
              if (limit != null
                  && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                String field = "spec.resources.requests." + resource;
                problems.add(
                    new Problem(
                        field,
                        field
                            + " ("
                            + request
                            + ") must not exceed spec.resources.limits."
                            + resource
                            + " ("
                            + limit
                            + ")."));
              }
            });
  }

  private static void checkEnv(List<Problem> problems, List<EnvVar> env) {
    for (int i = 0; i < env.size(); i++) {
      String name = env.get(i).getName();
      String field = "spec.env[" + i + "].name";
      if (name == null || name.isBlank()) {
        problems.add(new Problem(field, field + " is required."));
      } else if (RESERVED_ENV.contains(name)
          || RESERVED_ENV_PREFIXES.stream().anyMatch(name::startsWith)) {
        problems.add(
            new Problem(
                field, field + " " + name + " is set by the operator; use spec fields instead."));
      }
    }
  }

  private static void checkSecret(List<Problem> problems, String name, Optional<Secret> secret) {
    String field = DATABASE_SECRET;
    if (secret.isEmpty()) {
      problems.add(
          new Problem(field, field + ": Secret '" + name + "' does not exist in this namespace."));
      return;
    }
    Map<String, String> data = new HashMap<>();
    Optional.ofNullable(secret.get().getData()).ifPresent(data::putAll);
    Optional.ofNullable(secret.get().getStringData()).ifPresent(data::putAll);
    List<String> missing = SECRET_KEYS.stream().filter(key -> !data.containsKey(key)).toList();
    if (!missing.isEmpty()) {
      problems.add(
          new Problem(
              field,
              field
                  + ": Secret '"
                  + name
                  + "' lacks the key(s) "
                  + String.join(", ", missing)
                  + "."));
    }
  }
}
