package dev.parkingoperator.parking.http;

/**
 * What an endpoint answers: a status, a body to write as JSON ({@code null} for none) and an
 * optional Location.
 */
record ApiResponse(int status, Object body, String location) {

  static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, null);
  }

  static ApiResponse created(Object body, String location) {
    return new ApiResponse(201, body, location);
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, null);
  }
}
