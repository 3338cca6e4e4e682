package dev.parkingoperator.parking.runtime;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Hands each request to the current delegate, so a listener can open before its routes are ready.
 */
final class SwappableHandler implements HttpHandler {

  private volatile HttpHandler delegate;

  SwappableHandler(HttpHandler initial) {
    this.delegate = initial;
  }

  void swap(HttpHandler next) {
    delegate = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    delegate.handleRequest(exchange);
  }
}
