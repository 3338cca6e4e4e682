package dev.parkingoperator.parking.http;

import dev.parkingoperator.parking.domain.ParkingService;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;

/** The parking API's routes. Matching sets a {@code PathTemplateMatch}, so wrappers see the template. */
public final class ApiRoutes {

  private ApiRoutes() {}

  public static HttpHandler create(ParkingService parking) {
    JsonCodec codec = new JsonCodec();
    ResponseWriter writer = new ResponseWriter(codec);
    LotEndpoints lots = new LotEndpoints(parking);
    TicketEndpoints tickets = new TicketEndpoints(parking);
    RoutingHandler routes =
        Handlers.routing()
            .get("/api/lots", handler(lots::list, codec, writer))
            .post("/api/lots", handler(lots::create, codec, writer))
            .get("/api/lots/{lotId}", handler(lots::get, codec, writer))
            .put("/api/lots/{lotId}", handler(lots::update, codec, writer))
            .delete("/api/lots/{lotId}", handler(lots::delete, codec, writer))
            .post("/api/lots/{lotId}/entries", handler(tickets::enter, codec, writer))
            .get("/api/tickets/{ticketId}", handler(tickets::get, codec, writer))
            .post("/api/tickets/{ticketId}/exit", handler(tickets::exit, codec, writer));
    routes.setFallbackHandler(
        exchange ->
            writer.write(exchange, ApiError.of(ApiException.routeNotFound(exchange.getRequestPath()))));
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

  private static HttpHandler handler(Endpoint endpoint, JsonCodec codec, ResponseWriter writer) {
    return new EndpointHandler(endpoint, codec, writer);
  }
}
