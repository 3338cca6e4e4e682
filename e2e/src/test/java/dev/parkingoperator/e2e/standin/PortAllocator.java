package dev.parkingoperator.e2e.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free loopback ports: every pod here shares 127.0.0.1, so each container port gets its own. */
public final class PortAllocator {

  private PortAllocator() {}

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
