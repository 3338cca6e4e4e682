package dev.parkingoperator.parking.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;

/** Writes an {@link ApiResponse} or an {@link ApiError} as JSON; works on I/O and worker threads. */
final class ResponseWriter {

  private static final HttpString NOSNIFF_HEADER = new HttpString("X-Content-Type-Options");

  private final JsonCodec codec;

  ResponseWriter(JsonCodec codec) {
    this.codec = codec;
  }

  void write(HttpServerExchange exchange, ApiResponse response) {
    if (response.location() != null) {
      exchange.getResponseHeaders().put(Headers.LOCATION, response.location());
    }
    send(exchange, response.status(), response.body());
  }

  void write(HttpServerExchange exchange, ApiError error) {
    send(exchange, error.status(), error.body());
  }

  private void send(HttpServerExchange exchange, int status, Object body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseHeaders().put(NOSNIFF_HEADER, "nosniff");
    if (body == null) {
      exchange.endExchange();
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(ByteBuffer.wrap(codec.write(body)));
  }
}
