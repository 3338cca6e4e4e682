package dev.parkingoperator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD committed in crds/ is exactly what the Java model generates in this build. */
class CrdUpToDateTest {

  static final String FILE = "parkingapps.parkingoperator.dev-v1.yml";

  @Test
  void committedCrdMatchesTheModel() throws IOException {
    String generated;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/" + FILE)) {
      assertThat(in).as("the crd-generator output on the classpath").isNotNull();
      generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String committed = Files.readString(Path.of(FILE));

    assertThat(committed)
        .as(
            "crds/%s is stale: run `./mvnw -B -pl crds package -DskipTests` and commit the file",
            FILE)
        .isEqualTo(generated);
  }

  @Test
  void theCrdIsNamespacedWithAStatusSubresourceAndValidation() throws IOException {
    String crd = Files.readString(Path.of(FILE));

    assertThat(crd)
        .contains("name: \"parkingapps.parkingoperator.dev\"")
        .contains("scope: \"Namespaced\"")
        .contains("- \"papp\"")
        .contains("subresources:\n      status: {}")
        .contains("required:\n            - \"image\"")
        .contains("maximum: 100")
        .contains("default: 9568")
        .contains("enum:");
  }
}
