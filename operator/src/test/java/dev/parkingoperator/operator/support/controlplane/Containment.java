package dev.parkingoperator.operator.support.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Whether what the operator wants is contained in what the API server stores: every field it sets
 * has the same value there; defaults the server added beside them do not matter.
 */
public final class Containment {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Containment() {}

  /** The paths where {@code live} differs from {@code wanted}; empty when it contains it. */
  public static List<String> differences(Object wanted, Object live) {
    List<String> differences = new ArrayList<>();
    compare("", JSON.valueToTree(wanted), JSON.valueToTree(live), differences);
    return differences;
  }

  private static void compare(String path, JsonNode wanted, JsonNode live, List<String> out) {
    if (wanted == null || wanted.isNull()) {
      return;
    }
    if (live == null || live.isNull() || live.isMissingNode()) {
      out.add(path + ": missing, wanted " + wanted);
    } else if (wanted.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        compare(path + "." + field.getKey(), field.getValue(), live.get(field.getKey()), out);
      }
    } else if (wanted.isArray()) {
      if (wanted.size() != live.size()) {
        out.add(path + ": " + live.size() + " items, wanted " + wanted.size());
        return;
      }
      for (int i = 0; i < wanted.size(); i++) {
        compare(path + "[" + i + "]", wanted.get(i), live.get(i), out);
      }
    } else if (!wanted.asText().equals(live.asText())) {
      out.add(path + ": " + live + ", wanted " + wanted);
    }
  }
}
