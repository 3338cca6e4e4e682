package dev.parkingoperator.parking.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link Endpoint} on a worker thread (endpoints block on the database) and answers with
 * its response, or with the JSON error its failure maps to.
 */
final class EndpointHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(EndpointHandler.class);

  private final Endpoint endpoint;
  private final JsonCodec codec;
  private final ResponseWriter writer;

  EndpointHandler(Endpoint endpoint, JsonCodec codec, ResponseWriter writer) {
    this.endpoint = endpoint;
    this.codec = codec;
    this.writer = writer;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    exchange.startBlocking();
    ApiResponse response;
    try {
      response = endpoint.handle(new ApiRequest(exchange, codec));
    } catch (Exception failure) {
      writer.write(exchange, errorFor(exchange, failure));
      return;
    }
    writer.write(exchange, response);
  }

  private static ApiError errorFor(HttpServerExchange exchange, Exception failure) {
    ApiError error = ApiError.of(failure);
    if (error.status() == 500) {
      LOG.error("{} {} failed unexpectedly", exchange.getRequestMethod(), exchange.getRequestPath(), failure);
    } else if (error.status() == 503) {
      // An outage answers many requests with 503; DatabaseWatch logs it once, so this is detail.
      LOG.debug(
          "{} {} answered 503: {}",
          exchange.getRequestMethod(),
          exchange.getRequestPath(),
          failure.getMessage());
    }
    return error;
  }
}
