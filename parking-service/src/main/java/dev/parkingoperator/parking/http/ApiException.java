package dev.parkingoperator.parking.http;

/** An HTTP-level refusal (bad media type, body too large, unknown route) with its wire code. */
final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  static ApiException malformedJson(String detail) {
    return new ApiException(400, "malformed_json", "The body is not valid JSON: " + detail);
  }

  static ApiException routeNotFound(String path) {
    return new ApiException(404, "not_found", "No resource at " + path + ".");
  }

  static ApiException methodNotAllowed(String method, String path) {
    return new ApiException(
        405, "method_not_allowed", "Method " + method + " is not allowed on " + path + ".");
  }
}
