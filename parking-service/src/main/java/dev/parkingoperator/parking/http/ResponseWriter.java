package dev.parkingoperator.parking.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;

/**
 * Writes an {@link ApiResponse} or an {@link ApiError} as JSON. {@code prepare} sets status and
 * headers and encodes the body (any thread); {@code send} puts it on the wire.
 */
final class ResponseWriter {

  private static final HttpString NOSNIFF_HEADER = new HttpString("X-Content-Type-Options");

  private final JsonCodec codec;

  ResponseWriter(JsonCodec codec) {
    this.codec = codec;
  }

  void write(HttpServerExchange exchange, ApiError error) {
    send(exchange, prepare(exchange, error));
  }

  /**
   * @return the encoded body, or {@code null} when the response has none
   */
  ByteBuffer prepare(HttpServerExchange exchange, ApiResponse response) {
    if (response.location() != null) {
      exchange.getResponseHeaders().put(Headers.LOCATION, response.location());
    }
    return prepare(exchange, response.status(), response.body());
  }

  ByteBuffer prepare(HttpServerExchange exchange, ApiError error) {
    return prepare(exchange, error.status(), error.body());
  }

  static void send(HttpServerExchange exchange, ByteBuffer body) {
    if (body == null) {
      exchange.endExchange();
    } else {
      exchange.getResponseSender().send(body);
    }
  }

  private ByteBuffer prepare(HttpServerExchange exchange, int status, Object body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseHeaders().put(NOSNIFF_HEADER, "nosniff");
    if (body == null) {
      return null;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(codec.write(body));
  }
}
