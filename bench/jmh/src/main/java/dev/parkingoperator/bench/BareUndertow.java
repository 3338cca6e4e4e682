package dev.parkingoperator.bench;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The baseline issue 8 compares against: a bare Undertow handler answering a fixed ~70-byte JSON on
 * the I/O thread. Port from PORT (default 8090), bound to 127.0.0.1.
 */
public final class BareUndertow {

  private static final ByteBuffer BODY =
      ByteBuffer.wrap(
          "{\"id\":\"bench\",\"name\":\"Bench\",\"capacity\":100000,\"occupied\":0,\"available\":100000}"
              .getBytes(StandardCharsets.UTF_8));

  private BareUndertow() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8090"));
    Undertow.builder()
        .addHttpListener(port, "127.0.0.1")
        .setHandler(
            exchange -> {
              exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
              exchange.getResponseSender().send(BODY.duplicate());
            })
        .build()
        .start();
  }
}
