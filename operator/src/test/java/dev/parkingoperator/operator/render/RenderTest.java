package dev.parkingoperator.operator.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parkingoperator.crd.ParkingApp;
import dev.parkingoperator.operator.support.controlplane.Containment;
import dev.parkingoperator.operator.support.controlplane.OperatorOnControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `render` prints what the reconciler applies: compared object by object on the real control plane.
 */
class RenderTest {

  static final Path EXAMPLES = Path.of("..", "examples");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"parkingapp-minimal.yaml", "parkingapp-full.yaml"})
  void rendersWhatTheReconcilerApplies(String example) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        new Render(Optional.empty())
            .run(
                EXAMPLES.resolve(example),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
    assertThat(exit).isZero();

    try (OperatorOnControlPlane running = OperatorOnControlPlane.start()) {
      KubernetesClient client = running.client();
      client.getKubernetesSerialization().registerKubernetesResource(ParkingApp.class);
      List<HasMetadata> rendered = client.load(new ByteArrayInputStream(out.toByteArray())).items();
      assertThat(rendered).isNotEmpty();
      List<HasMetadata> input;
      try (InputStream in = Files.newInputStream(EXAMPLES.resolve(example))) {
        input = client.load(in).items();
      }
      String namespace = running.plane().newNamespace("parking", Map.of());
      input.forEach(object -> object.getMetadata().setNamespace(namespace));
      input.forEach(object -> client.resource(object).create());

      for (HasMetadata expected : rendered) {
        expected.getMetadata().setNamespace(namespace);
        HasMetadata applied =
            await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> client.resource(expected).get(), a -> a != null);
        assertThat(applied.getMetadata().getLabels())
            .as("labels, in whatever order the API server keeps them")
            .isEqualTo(expected.getMetadata().getLabels());
        assertThat(ownAnnotations(applied))
            .as("the rendered annotations; controllers may add their own (a Deployment's revision)")
            .containsAllEntriesOf(ownAnnotations(expected));
        assertThat(Containment.differences(specOf(client, expected), specOf(client, applied)))
            .as(
                "%s %s as rendered, in what the API server stores",
                expected.getKind(), expected.getMetadata().getName())
            .isEmpty();
      }
    }
  }

  @Test
  void refusesAnInvalidParkingAppNamingTheField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file, Files.readString(EXAMPLES.resolve("parkingapp-minimal.yaml")) + "  port: 9568\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        new Render(Optional.empty())
            .run(
                file,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("spec.metrics.port must differ from spec.port");
  }

  static Stream<Arguments> typos() {
    return Stream.of(
        Arguments.of(
            "  imagePullPolicy: Always\n  replicass: 2\n",
            "downtown: unknown field spec.replicass"),
        Arguments.of(
            "  replicas: two\n", "downtown: spec.replicas: Cannot deserialize value of type"),
        Arguments.of(
            "  metrics: {port: [1]}\n", "downtown: spec.metrics.port: Cannot deserialize"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("typos")
  void refusesAnUnknownOrMistypedFieldInOneLine(String extra, String expected, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, Files.readString(EXAMPLES.resolve("parkingapp-minimal.yaml")) + extra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        new Render(Optional.empty())
            .run(
                file,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing half-rendered").isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .startsWith("render: " + file + ": ")
        .contains(expected)
        .doesNotContain("\tat ");
  }

  /**
   * The SDK adds a bookkeeping annotation of its own (javaoperatorsdk.io/previous) when it writes.
   */
  private static Map<String, String> ownAnnotations(HasMetadata object) {
    Map<String, String> annotations = new TreeMap<>(object.getMetadata().getAnnotations());
    annotations.keySet().removeIf(key -> key.startsWith("javaoperatorsdk.io/"));
    return annotations;
  }

  private static String yaml(KubernetesClient client, Object value) {
    return client.getKubernetesSerialization().asYaml(value);
  }

  private static Object specOf(KubernetesClient client, HasMetadata object) {
    return client.getKubernetesSerialization().convertValue(object, Map.class).get("spec");
  }
}
