package dev.parkingoperator.parking.runtime;

import static dev.parkingoperator.parking.support.ApiClient.lotJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkingoperator.parking.support.ServiceProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM lets a request already in flight finish, then the process exits 0. */
class GracefulShutdownTest {

  @TempDir Path dataDir;
  @TempDir Path logs;

  @Test
  void sigtermDrainsTheRequestInFlightAndExitsZero() throws Exception {
    Path log = logs.resolve("service.log");
    try (ServiceProcess service =
        ServiceProcess.start(
            Map.of("PARKING_DATA_DIR", dataDir.toString(), "SHUTDOWN_GRACE_SECONDS", "10"), log)) {
      int port = service.client().uri("/").getPort();
      byte[] body = lotJson("drained", 5).getBytes(StandardCharsets.US_ASCII);
      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /api/lots HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, 10); // the request is now in flight, its body half sent
        out.flush();
        Thread.sleep(300);

        ProcessHandle.of(service.pid()).orElseThrow().destroy(); // SIGTERM
        Thread.sleep(500);
        out.write(body, 10, body.length - 10);
        out.flush();

        String response = readAll(socket.getInputStream());
        assertThat(response).startsWith("HTTP/1.1 201");
        assertThat(response).contains("\"id\":\"drained\"");
        // The client must not send its next request on this connection: it is about to close.
        assertThat(response).containsIgnoringCase("Connection: close");
      }
      assertThat(service.terminate(Duration.ofSeconds(15))).isZero();
    }
    assertThat(Files.readString(log)).contains("shutting down").contains("stopped");
  }

  private static String readAll(InputStream in) throws Exception {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) > 0) {
      text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      if (text.indexOf("}") > 0) {
        break;
      }
    }
    return text.toString();
  }
}
