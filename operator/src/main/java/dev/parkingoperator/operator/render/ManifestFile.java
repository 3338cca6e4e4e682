package dev.parkingoperator.operator.render;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.parkingoperator.crd.ParkingApp;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A YAML file of Kubernetes objects as {@code render} reads it. ParkingApps are read strictly, as
 * the CRD's schema would judge them: an unknown field or a value of the wrong type is an error that
 * names the field, not a stack trace and not a field silently dropped.
 */
final class ManifestFile {

  /** The objects read, and one line for each that could not be. */
  record Contents(List<HasMetadata> objects, List<String> errors) {}

  private static final String PARKING_APP_API_VERSION = ParkingApp.GROUP + "/" + ParkingApp.VERSION;

  /** Reads every kind; ParkingApps arrive untyped, to be converted strictly. */
  private final KubernetesSerialization lenient = new KubernetesSerialization();

  private final KubernetesSerialization strict =
      new KubernetesSerialization(
          new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), true);

  Contents read(Path file) throws IOException {
    List<HasMetadata> loaded;
    try (InputStream in = Files.newInputStream(file)) {
      Object parsed = lenient.unmarshal(in);
      loaded =
          parsed instanceof List<?> list
              ? list.stream().map(HasMetadata.class::cast).toList()
              : List.of((HasMetadata) parsed);
    } catch (RuntimeException e) {
      return new Contents(List.of(), List.of("not Kubernetes YAML: " + firstLine(e)));
    }
    List<HasMetadata> objects = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (HasMetadata object : loaded) {
      if (object instanceof GenericKubernetesResource generic && isParkingApp(generic)) {
        try {
          objects.add(strict.convertValue(generic, ParkingApp.class));
        } catch (IllegalArgumentException e) {
          errors.add(generic.getMetadata().getName() + ": " + describe(e));
        }
      } else {
        objects.add(object);
      }
    }
    return new Contents(objects, errors);
  }

  private static boolean isParkingApp(GenericKubernetesResource object) {
    return PARKING_APP_API_VERSION.equals(object.getApiVersion())
        && "ParkingApp".equals(object.getKind());
  }

  /** The field's path and what is wrong with it, from Jackson's failure. */
  private static String describe(IllegalArgumentException e) {
    if (!(e.getCause() instanceof JsonMappingException mapping)) {
      return firstLine(e);
    }
    String field =
        mapping.getPath().stream()
            .map(
                reference ->
                    reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    if (mapping instanceof UnrecognizedPropertyException) {
      return "unknown field " + field;
    }
    return field + ": " + mapping.getOriginalMessage().lines().findFirst().orElse("invalid value");
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
