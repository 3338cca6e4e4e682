package dev.parkingoperator.operator.dependent;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Decides whether an owned object needs writing, without server-side apply (see README): it does
 * when someone changed or removed a value the operator sets (drift: the desired object is no longer
 * contained in the live one), or when the operator's own intent changed (a hash of the desired
 * object, kept in an annotation, differs) — which also catches fields the operator stopped setting.
 * Values others add (defaults, an autoscaler's replicas) are left alone.
 */
public final class DriftMatcher {

  public static final String INTENT_ANNOTATION = "parkingoperator.dev/desired-hash";
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private DriftMatcher() {}

  /**
   * Stamps {@code desired} with the hash of its intent: all of it but the values at {@code
   * carriedOver} (JSON pointers), which were taken over from the live object.
   */
  static <R extends HasMetadata> R stamped(R desired, List<String> carriedOver) {
    String intentHash = hash(desired, carriedOver);
    if (desired.getMetadata().getAnnotations() == null) {
      desired.getMetadata().setAnnotations(new HashMap<>());
    }
    desired.getMetadata().getAnnotations().put(INTENT_ANNOTATION, intentHash);
    return desired;
  }

  public static <R extends HasMetadata, P extends HasMetadata> Matcher.Result<R> match(
      R actual, R desired, Context<P> context) {
    boolean matched =
        annotation(desired).equals(annotation(actual))
            && GenericKubernetesResourceMatcher.match(desired, actual, false, false, context)
                .matched();
    return Matcher.Result.computed(matched, desired);
  }

  private static String annotation(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? "" : annotations.getOrDefault(INTENT_ANNOTATION, "");
  }

  /** A canonical tree of {@code desired} without the {@code left out} values, hashed. */
  static String hash(Object desired, List<String> leftOut) {
    JsonNode tree = CANONICAL.valueToTree(desired);
    for (String pointer : leftOut) {
      JsonPointer path = JsonPointer.compile(pointer);
      if (tree.at(path.head()) instanceof ObjectNode parent) {
        parent.remove(path.last().getMatchingProperty());
      }
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(CANONICAL.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the desired state", e);
    }
  }
}
