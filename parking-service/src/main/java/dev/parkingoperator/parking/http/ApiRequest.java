package dev.parkingoperator.parking.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.util.Locale;

/** One API request as an endpoint sees it: path parameters and a JSON body, checked on reading. */
final class ApiRequest {

  static final int MAX_BODY_BYTES = 64 * 1024;

  /** The request body as received, before it is checked: absent, too large, or its bytes. */
  record Body(byte[] bytes, boolean tooLarge) {
    static final Body NONE = new Body(new byte[0], false);
    static final Body TOO_LARGE = new Body(new byte[0], true);

    static Body of(byte[] bytes) {
      return new Body(bytes, false);
    }
  }

  private final HttpServerExchange exchange;
  private final JsonCodec codec;
  private final Body body;

  ApiRequest(HttpServerExchange exchange, JsonCodec codec, Body body) {
    this.exchange = exchange;
    this.codec = codec;
    this.body = body;
  }

  String pathParam(String name) {
    return exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
  }

  /** Reads the body as JSON, refusing (in this order) bodies too large, not JSON, or malformed. */
  JsonNode jsonBody() {
    if (body.tooLarge()) {
      throw tooLarge();
    }
    requireJsonContentType();
    return codec.read(body.bytes());
  }

  private void requireJsonContentType() {
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new ApiException(
          415,
          "unsupported_media_type",
          "The body must be application/json, got "
              + (contentType == null ? "no Content-Type" : "'" + contentType + "'")
              + ".");
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(
        413, "payload_too_large", "The body must be at most " + MAX_BODY_BYTES + " bytes.");
  }
}
