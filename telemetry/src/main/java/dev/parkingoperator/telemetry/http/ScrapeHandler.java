package dev.parkingoperator.telemetry.http;

import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Serves a Prometheus registry: text 0.0.4 by default, OpenMetrics when asked, gzip when asked. */
public final class ScrapeHandler implements HttpHandler {

  private final PrometheusScrapeHandler scrape;
  private final Runnable beforeScrape;

  /**
   * @param beforeScrape refreshes gauges whose values are read once per scrape
   */
  public ScrapeHandler(PrometheusRegistry registry, Runnable beforeScrape) {
    this.scrape = new PrometheusScrapeHandler(registry);
    this.beforeScrape = beforeScrape;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    exchange.startBlocking();
    beforeScrape.run();
    scrape.handleRequest(new UndertowScrapeExchange(exchange));
  }
}
