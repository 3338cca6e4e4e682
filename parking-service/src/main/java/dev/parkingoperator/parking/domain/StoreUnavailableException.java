package dev.parkingoperator.parking.domain;

/** The store cannot be reached now; the request may succeed later (HTTP 503). */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
