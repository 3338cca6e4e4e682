package dev.parkingoperator.operator.chart;

import com.marcnuri.helm.Helm;
import dev.parkingoperator.operator.support.RepositoryFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The chart in helm/parking-operator, rendered by helm itself (helm-java) and parsed by fabric8.
 */
public final class Chart {

  public static final Path DIR = RepositoryFiles.resolve("helm/parking-operator");
  public static final String RELEASE = "parking";
  public static final String NAMESPACE = "parking-system";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Chart() {}

  /** Renders with the given values YAML (empty for the defaults). */
  public static String template(String valuesYaml) {
    try {
      var template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
      if (!valuesYaml.isBlank()) {
        Path values = Files.createTempFile("values-", ".yaml");
        Files.writeString(values, valuesYaml);
        template = template.withValuesFile(values);
      }
      return template.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every rendered document as its typed fabric8 class. */
  public static List<HasMetadata> render(String valuesYaml) {
    return documents(template(valuesYaml)).stream()
        .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(doc))
        .toList();
  }

  static List<String> documents(String rendered) {
    return Arrays.stream(rendered.split("(?m)^---\\s*$"))
        .map(String::strip)
        .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
        .toList();
  }

  public static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
