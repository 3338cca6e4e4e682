package dev.parkingoperator.parking.runtime;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;

/** An Undertow listener that can drain: refuse new requests, let those in flight finish. */
public final class ApiServer {

  private final Undertow undertow;
  private final GracefulShutdownHandler drain;

  private ApiServer(Undertow undertow, GracefulShutdownHandler drain) {
    this.undertow = undertow;
    this.drain = drain;
  }

  /** Binds and starts; fails at once (for example when the port is taken). */
  public static ApiServer start(String bindAddress, int port, HttpHandler handler) {
    GracefulShutdownHandler drain = new GracefulShutdownHandler(handler);
    Undertow undertow =
        Undertow.builder().addHttpListener(port, bindAddress).setHandler(drain).build();
    undertow.start();
    return new ApiServer(undertow, drain);
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
    drain.shutdown();
    boolean drained = drain.awaitShutdown(grace.toMillis());
    undertow.stop();
    return drained;
  }
}
