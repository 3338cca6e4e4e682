package dev.parkingoperator.telemetry.http;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Lets Prometheus' own scrape handler (content negotiation, gzip, {@code name[]} filters) answer on
 * an Undertow exchange. The exchange must be in blocking mode.
 */
final class UndertowScrapeExchange implements PrometheusHttpExchange {

  private final HttpServerExchange exchange;

  UndertowScrapeExchange(HttpServerExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public PrometheusHttpRequest getRequest() {
    return new PrometheusHttpRequest() {
      @Override
      public String getQueryString() {
        return exchange.getQueryString();
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        HeaderValues values = exchange.getRequestHeaders().get(name);
        return values == null ? Collections.emptyEnumeration() : Collections.enumeration(values);
      }

      @Override
      public String getMethod() {
        return exchange.getRequestMethod().toString();
      }

      @Override
      public String getRequestPath() {
        return exchange.getRequestPath();
      }
    };
  }

  @Override
  public PrometheusHttpResponse getResponse() {
    return new PrometheusHttpResponse() {
      @Override
      public void setHeader(String name, String value) {
        exchange.getResponseHeaders().put(HttpString.tryFromString(name), value);
      }

      @Override
      public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
        exchange.setStatusCode(statusCode);
        if (contentLength > 0) {
          exchange.setResponseContentLength(contentLength);
        }
        return exchange.getOutputStream();
      }
    };
  }

  @Override
  public void handleException(IOException e) throws IOException {
    throw e;
  }

  @Override
  public void handleException(RuntimeException e) {
    throw e;
  }

  @Override
  public void close() {
    exchange.endExchange();
  }
}
