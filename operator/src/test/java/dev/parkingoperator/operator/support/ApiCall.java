package dev.parkingoperator.operator.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request to the API server read as RBAC sees it: API group, resource[/subresource], verb. */
public record ApiCall(String apiGroup, String resource, String verb) {

  private static final Pattern PATH =
      Pattern.compile(
          "/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([^/?]+)(?:/([^/?]+)(?:/([^/?]+))?)?(?:\\?(.*))?");

  /**
   * @param request "METHOD path?query" as the dispatcher records it
   */
  public static ApiCall of(String request) {
    String method = request.substring(0, request.indexOf(' '));
    String path = request.substring(request.indexOf(' ') + 1);
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an API request: " + request);
    }
    String group = m.group(1) == null ? "" : m.group(1);
    String resource = m.group(4) == null ? m.group(2) : m.group(2) + "/" + m.group(4);
    boolean named = m.group(3) != null;
    String query = m.group(5) == null ? "" : m.group(5);
    String verb =
        switch (method) {
          case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> throw new IllegalArgumentException("unknown method in " + request);
        };
    return new ApiCall(group, resource, verb);
  }
}
