package dev.parkingoperator.parking.http;

import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Runs an {@link Endpoint}: the body is read on the I/O thread without blocking, the endpoint runs
 * on a worker thread (it blocks on the database), and the answer is written back on the I/O thread.
 * Finishing the exchange on the I/O thread matters under load: an exchange finished on a worker
 * races the client's next request, and Undertow's I/O thread spins until the worker is done.
 *
 * <p>An endpoint that only looks up one row of an in-process store runs on the I/O thread itself
 * ({@link #onIoThread}): the lookup costs less than the two thread hops it saves.
 */
final class EndpointHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(EndpointHandler.class);

  private final Endpoint endpoint;
  private final JsonCodec codec;
  private final ResponseWriter writer;
  private final boolean onIoThread;

  private EndpointHandler(
      Endpoint endpoint, JsonCodec codec, ResponseWriter writer, boolean onIoThread) {
    this.endpoint = endpoint;
    this.codec = codec;
    this.writer = writer;
    this.onIoThread = onIoThread;
  }

  /** For endpoints that may block (on the database, on a commit reaching disk). */
  static EndpointHandler onWorker(Endpoint endpoint, JsonCodec codec, ResponseWriter writer) {
    return new EndpointHandler(endpoint, codec, writer, false);
  }

  /** For a bodiless lookup that never waits: one row of the embedded store. */
  static EndpointHandler onIoThread(Endpoint endpoint, JsonCodec codec, ResponseWriter writer) {
    return new EndpointHandler(endpoint, codec, writer, true);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (onIoThread && exchange.isRequestComplete()) {
      ResponseWriter.send(exchange, answer(exchange, ApiRequest.Body.NONE));
      return;
    }
    if (exchange.isRequestComplete()) {
      exchange.dispatch(() -> run(exchange, ApiRequest.Body.NONE));
      return;
    }
    Receiver receiver = exchange.getRequestReceiver();
    receiver.setMaxBufferSize(ApiRequest.MAX_BODY_BYTES);
    receiver.receiveFullBytes(
        (received, bytes) -> received.dispatch(() -> run(received, ApiRequest.Body.of(bytes))),
        this::bodyFailed);
  }

  private void bodyFailed(HttpServerExchange exchange, IOException failure) {
    if (failure
        instanceof Receiver.RequestToLargeException) { // declared or as received; rest unread
      exchange.dispatch(() -> run(exchange, ApiRequest.Body.TOO_LARGE));
      return;
    }
    LOG.debug(
        "{} {}: request body not received: {}",
        exchange.getRequestMethod(),
        exchange.getRequestPath(),
        failure.getMessage());
    IoUtils.safeClose(exchange.getConnection());
  }

  /** On a worker thread: the endpoint, the JSON encoding, then back to the I/O thread to send. */
  private void run(HttpServerExchange exchange, ApiRequest.Body body) {
    ByteBuffer answer = answer(exchange, body);
    exchange.dispatch(exchange.getIoThread(), sending -> ResponseWriter.send(sending, answer));
  }

  /** Runs the endpoint; sets status and headers and returns the encoded body. */
  private ByteBuffer answer(HttpServerExchange exchange, ApiRequest.Body body) {
    try {
      return writer.prepare(exchange, endpoint.handle(new ApiRequest(exchange, codec, body)));
    } catch (Exception failure) {
      return writer.prepare(exchange, errorFor(exchange, failure));
    }
  }

  private static ApiError errorFor(HttpServerExchange exchange, Exception failure) {
    ApiError error = ApiError.of(failure);
    if (error.status() == 500) {
      LOG.error(
          "{} {} failed unexpectedly",
          exchange.getRequestMethod(),
          exchange.getRequestPath(),
          failure);
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
