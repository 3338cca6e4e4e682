package dev.parkingoperator.parking.http;

import dev.parkingoperator.parking.domain.ConflictException;
import dev.parkingoperator.parking.domain.InvalidInputException;
import dev.parkingoperator.parking.domain.NotFoundException;
import dev.parkingoperator.parking.domain.StoreUnavailableException;

/** The JSON error every failed request answers with, and the status it goes with. */
record ApiError(int status, String error, String message) {

  /** The body as it goes on the wire: the status is the HTTP status, not a field. */
  record Body(String error, String message) {}

  Body body() {
    return new Body(error, message);
  }

  /** What a failure means to the client. Unknown failures never leak their details. */
  static ApiError of(Throwable failure) {
    if (failure instanceof ApiException e) {
      return new ApiError(e.status(), e.code(), e.getMessage());
    }
    if (failure instanceof InvalidInputException e) {
      return new ApiError(400, "invalid_field", e.getMessage());
    }
    if (failure instanceof NotFoundException e) {
      return new ApiError(404, e.code(), e.getMessage());
    }
    if (failure instanceof ConflictException e) {
      return new ApiError(409, e.reason().code(), e.getMessage());
    }
    if (failure instanceof StoreUnavailableException) {
      return new ApiError(
          503, "unavailable", "The parking database is unavailable; try again shortly.");
    }
    return new ApiError(500, "internal_error", "The request failed unexpectedly.");
  }
}
