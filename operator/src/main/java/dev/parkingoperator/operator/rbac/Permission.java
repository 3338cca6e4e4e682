package dev.parkingoperator.operator.rbac;

import java.util.List;

/** One RBAC rule the operator needs: an API group, a resource (or resource/subresource), verbs. */
public record Permission(String apiGroup, String resource, List<String> verbs) {

  public Permission {
    verbs = verbs.stream().sorted().toList();
  }
}
