package dev.parkingoperator.parking.runtime;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.ResponseCommitListener;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** An Undertow listener that can drain: refuse new requests, let those in flight finish. */
public final class ApiServer {

  private static final Duration CLOSE_NOTICE = Duration.ofSeconds(1);
  private static final Duration QUIET_PERIOD = Duration.ofMillis(100);

  private final Undertow undertow;
  private final GracefulShutdownHandler drain;
  private final AtomicBoolean draining;
  private final LongAdder answeredWhileDraining;

  private ApiServer(
      Undertow undertow,
      GracefulShutdownHandler drain,
      AtomicBoolean draining,
      LongAdder answeredWhileDraining) {
    this.undertow = undertow;
    this.drain = drain;
    this.draining = draining;
    this.answeredWhileDraining = answeredWhileDraining;
  }

  /** Binds and starts; fails at once (for example when the port is taken). */
  public static ApiServer start(String bindAddress, int port, HttpHandler handler) {
    AtomicBoolean draining = new AtomicBoolean();
    LongAdder answeredWhileDraining = new LongAdder();
    GracefulShutdownHandler drain = new GracefulShutdownHandler(handler);
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(port, bindAddress)
            .setHandler(closingWhileDraining(drain, draining, answeredWhileDraining))
            .build();
    undertow.start();
    return new ApiServer(undertow, drain, draining, answeredWhileDraining);
  }

  /**
   * Every answer sent once draining began says {@code Connection: close}, so no client sends a next
   * request on a connection that is about to close under it.
   */
  private static HttpHandler closingWhileDraining(
      HttpHandler next, AtomicBoolean draining, LongAdder answeredWhileDraining) {
    ResponseCommitListener closeNotice =
        committing -> {
          if (draining.get()) {
            committing.setPersistent(false);
            answeredWhileDraining.increment();
          }
        };
    return exchange -> {
      exchange.addResponseCommitListener(closeNotice);
      next.handleRequest(exchange);
    };
  }

  /**
   * Keeps answering 503 with {@code Connection: close} while clients still send on their keep-alive
   * connections (up to a second, within the grace period): closing a connection a client is sending
   * on breaks that request, while an answer tells it to go elsewhere.
   */
  private void awaitClientsTold(long deadline) throws InterruptedException {
    long lingerEnd = Math.min(deadline, System.nanoTime() + CLOSE_NOTICE.toNanos());
    long answered = -1;
    while (System.nanoTime() < lingerEnd && answered != answeredWhileDraining.sum()) {
      answered = answeredWhileDraining.sum();
      Thread.sleep(QUIET_PERIOD.toMillis());
    }
  }

  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * Refuses new requests (503), waits up to {@code grace} for those in flight, then closes.
   *
   * @return whether every in-flight request finished within the grace period
   */
  public boolean drainAndStop(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    draining.set(true);
    drain.shutdown();
    boolean drained = drain.awaitShutdown(grace.toMillis());
    awaitClientsTold(deadline);
    undertow.stop();
    return drained;
  }
}
