package dev.parkingoperator.operator.render;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.dependent.DeploymentDependent;
import dev.parkingoperator.operator.dependent.DesiredInputs;
import dev.parkingoperator.operator.dependent.NetworkPolicyDependent;
import dev.parkingoperator.operator.dependent.PodDisruptionBudgetDependent;
import dev.parkingoperator.operator.dependent.ServiceDependent;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.DesiredNetworkPolicy;
import dev.parkingoperator.operator.validation.ParkingAppValidator;
import dev.parkingoperator.operator.validation.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar parking-operator.jar render FILE}: the manifests the operator would apply for
 * the ParkingApps in FILE, from the same builders, with no cluster — for review and GitOps. Owner
 * references are left out: they need the uid the API server gives the ParkingApp.
 */
public final class Render {

  /** Prints what is rendered: the objects are typed, so no registration is needed. */
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  private final DesiredInputs inputs;

  /**
   * @param operatorNamespace where the operator runs, for the NetworkPolicy peer that lets its
   *     scrape check through (on by default); empty: any namespace
   */
  public Render(Optional<String> operatorNamespace) {
    // As for a new app: no live Deployment whose replica count could be carried over.
    this.inputs =
        new DesiredInputs(
            Optional.empty(), Optional.of(DesiredNetworkPolicy.operatorPeer(operatorNamespace)));
  }

  /**
   * The objects for one ParkingApp, in the order the operator applies them, each kept or left out
   * by the same preconditions the operator's workflow uses.
   */
  public static List<HasMetadata> manifests(ParkingApp app, DesiredInputs inputs) {
    AppSettings settings = AppSettings.of(app);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new DeploymentDependent().desired(app, inputs));
    objects.add(new ServiceDependent().desired(app, inputs));
    if (NetworkPolicyDependent.Enabled.holds(settings)) {
      objects.add(new NetworkPolicyDependent().desired(app, inputs));
    }
    if (PodDisruptionBudgetDependent.Replicated.holds(settings, inputs)) {
      objects.add(new PodDisruptionBudgetDependent().desired(app, inputs));
    }
    return objects;
  }

  /**
   * @return the process exit code: 0 rendered, 1 an invalid ParkingApp (problems on err)
   */
  public int run(Path file, PrintStream out, PrintStream err) throws IOException {
    ManifestFile.Contents contents = new ManifestFile().read(file);
    contents.errors().forEach(error -> err.println("render: " + file + ": " + error));
    if (!contents.errors().isEmpty()) {
      return 1;
    }
    List<HasMetadata> objects = contents.objects();
    List<ParkingApp> apps =
        objects.stream().filter(ParkingApp.class::isInstance).map(ParkingApp.class::cast).toList();
    if (apps.isEmpty()) {
      err.println("render: " + file + " holds no ParkingApp");
      return 1;
    }
    boolean invalid = false;
    StringBuilder rendered = new StringBuilder();
    for (ParkingApp app : apps) {
      List<Problem> problems = ParkingAppValidator.validate(app, secretIn(objects, app));
      problems = problems.stream().filter(p -> !isOnlyAbsentFromFile(p, app, objects)).toList();
      if (!problems.isEmpty()) {
        invalid = true;
        problems.forEach(
            p -> err.println("render: " + app.getMetadata().getName() + ": " + p.message()));
        continue;
      }
      for (HasMetadata object : manifests(app, inputs)) {
        rendered.append(serialization.asYaml(object));
      }
    }
    out.print(rendered);
    return invalid ? 1 : 0;
  }

  private static Optional<Secret> secretIn(List<HasMetadata> objects, ParkingApp app) {
    return objects.stream()
        .filter(Secret.class::isInstance)
        .map(Secret.class::cast)
        .filter(s -> AppSettings.databaseSecret(app).equals(Optional.of(s.getMetadata().getName())))
        .findFirst();
  }

  /** A Secret that lives only in the cluster is not the file's fault. */
  private static boolean isOnlyAbsentFromFile(
      Problem problem, ParkingApp app, List<HasMetadata> objects) {
    return ParkingAppValidator.concernsDatabaseSecret(problem) && secretIn(objects, app).isEmpty();
  }
}
