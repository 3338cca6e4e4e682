package dev.parkingoperator.parking.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder that a test can cut and restore, to take a real database away from the
 * service and give it back, on the same port; or freeze and thaw, to make it hang.
 */
public final class TcpProxy implements AutoCloseable {

  private final int targetPort;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;
  private volatile boolean frozen;

  public TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    this.port = ServiceProcess.freePort();
    restore();
  }

  public int port() {
    return port;
  }

  /** Closes every connection and refuses new ones, as a database that went away. */
  public synchronized void cut() {
    closeQuietly(listener);
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /**
   * Keeps every connection open but forwards nothing, as a database that hangs: what is sent waits
   * in the proxy until {@link #thaw()}.
   */
  public void freeze() {
    frozen = true;
  }

  /** Forwards again, what waited first. */
  public void thaw() {
    frozen = false;
  }

  /** Accepts and forwards again. */
  public synchronized void restore() {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(() -> acceptFrom(listener), "proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptFrom(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return; // listener closed by cut()
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                forward(in, out);
              } catch (IOException e) {
                // one side closed; close the other below
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void forward(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[8192];
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      while (frozen) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      out.write(buffer, 0, read);
      out.flush();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception ignored) {
      // closing is all we wanted
    }
  }

  @Override
  public void close() {
    cut();
  }
}
