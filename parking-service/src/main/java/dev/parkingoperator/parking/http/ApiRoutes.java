package dev.parkingoperator.parking.http;

import dev.parkingoperator.parking.domain.ParkingService;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;

/**
 * The parking API's routes. Matching sets a {@code PathTemplateMatch}, so wrappers see the
 * template.
 */
public final class ApiRoutes {

  private ApiRoutes() {}

  /**
   * @param inProcessStore whether the store is embedded in this process: its one-row lookups never
   *     wait on a network, so they are answered on the I/O thread
   */
  public static HttpHandler create(ParkingService parking, boolean inProcessStore) {
    JsonCodec codec = new JsonCodec();
    ResponseWriter writer = new ResponseWriter(codec);
    LotEndpoints lots = new LotEndpoints(parking);
    TicketEndpoints tickets = new TicketEndpoints(parking);
    RoutingHandler routes =
        Handlers.routing()
            .get("/api/lots", blocking(lots::list, codec, writer))
            .post("/api/lots", blocking(lots::create, codec, writer))
            .get("/api/lots/{lotId}", lookup(lots::get, codec, writer, inProcessStore))
            .put("/api/lots/{lotId}", blocking(lots::update, codec, writer))
            .delete("/api/lots/{lotId}", blocking(lots::delete, codec, writer))
            .post("/api/lots/{lotId}/entries", blocking(tickets::enter, codec, writer))
            .get("/api/tickets/{ticketId}", lookup(tickets::get, codec, writer, inProcessStore))
            .post("/api/tickets/{ticketId}/exit", blocking(tickets::exit, codec, writer));
    routes.setFallbackHandler(
        exchange ->
            writer.write(
                exchange, ApiError.of(ApiException.routeNotFound(exchange.getRequestPath()))));
    routes.setInvalidMethodHandler(
        exchange ->
            writer.write(
                exchange,
                ApiError.of(
                    ApiException.methodNotAllowed(
                        exchange.getRequestMethod().toString(), exchange.getRequestPath()))));
    return routes;
  }

  /** Answers every request with 503 {@code starting}, while the database is being prepared. */
  public static HttpHandler starting() {
    ResponseWriter writer = new ResponseWriter(new JsonCodec());
    ApiError starting =
        new ApiError(503, "starting", "The service is starting; try again shortly.");
    return exchange -> writer.write(exchange, starting);
  }

  private static HttpHandler blocking(Endpoint endpoint, JsonCodec codec, ResponseWriter writer) {
    return EndpointHandler.onWorker(endpoint, codec, writer);
  }

  private static HttpHandler lookup(
      Endpoint endpoint, JsonCodec codec, ResponseWriter writer, boolean inProcessStore) {
    return inProcessStore
        ? EndpointHandler.onIoThread(endpoint, codec, writer)
        : EndpointHandler.onWorker(endpoint, codec, writer);
  }
}
