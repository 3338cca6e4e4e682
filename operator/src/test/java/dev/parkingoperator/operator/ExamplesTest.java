package dev.parkingoperator.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.model.AppSettings;
import dev.parkingoperator.operator.model.DesiredDeployment;
import dev.parkingoperator.operator.support.controlplane.Containment;
import dev.parkingoperator.operator.support.controlplane.OperatorOnControlPlane;
import dev.parkingoperator.operator.validation.ParkingAppValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every ParkingApp example loads into the model, validates, and is reconciled on the real control
 * plane.
 */
class ExamplesTest {

  static final Path EXAMPLES = Path.of("..", "examples");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"parkingapp-minimal.yaml", "parkingapp-full.yaml"})
  void exampleIsReconciled(String file) throws Exception {
    try (OperatorOnControlPlane running = OperatorOnControlPlane.start()) {
      KubernetesClient client = running.client();
      client.getKubernetesSerialization().registerKubernetesResource(ParkingApp.class);
      List<HasMetadata> objects;
      try (InputStream in = Files.newInputStream(EXAMPLES.resolve(file))) {
        objects = client.load(in).items();
      }
      ParkingApp app =
          objects.stream()
              .filter(ParkingApp.class::isInstance)
              .map(ParkingApp.class::cast)
              .findFirst()
              .orElseThrow();
      Optional<Secret> secret =
          objects.stream().filter(Secret.class::isInstance).map(Secret.class::cast).findFirst();
      assertThat(ParkingAppValidator.validate(app, secret)).as("problems in %s", file).isEmpty();

      // A namespace of its own on the shared control plane, where Pod Security enforces restricted.
      String namespace =
          running
              .plane()
              .newNamespace(
                  app.getMetadata().getNamespace(),
                  Map.of("pod-security.kubernetes.io/enforce", "restricted"));
      objects.forEach(object -> object.getMetadata().setNamespace(namespace));
      objects.forEach(object -> client.resource(object).create());

      Deployment deployment =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      client
                          .apps()
                          .deployments()
                          .inNamespace(app.getMetadata().getNamespace())
                          .withName(app.getMetadata().getName())
                          .get(),
                  d -> d != null);
      assertThat(
              Containment.differences(
                  DesiredDeployment.of(app, AppSettings.of(app)).getSpec().getTemplate().getSpec(),
                  deployment.getSpec().getTemplate().getSpec()))
          .as("the builder's pod spec, as the API server stores it beside its defaults")
          .isEmpty();
      assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
          .containsEntry("prometheus.io/scrape", "true");
    }
  }
}
