package dev.parkingoperator.parking.http;

/** One operation of the API. Failures are thrown and turned into JSON errors in one place. */
@FunctionalInterface
interface Endpoint {

  ApiResponse handle(ApiRequest request) throws Exception;
}
