package dev.parkingoperator.parking.http;

import dev.parkingoperator.parking.domain.InvalidInputException;
import dev.parkingoperator.parking.domain.LotDefinition;
import dev.parkingoperator.parking.domain.ParkingService;
import dev.parkingoperator.parking.domain.Tariff;
import java.util.Set;

/** {@code /api/lots}: create, list, read, change and delete lots. */
final class LotEndpoints {

  private static final long MAX_CENTS = 100_000_000L;
  private static final int MAX_GRACE_MINUTES = 24 * 60;
  private static final Set<String> LOT_FIELDS =
      Set.of("id", "name", "capacity", "hourlyRateCents", "dailyMaxCents", "graceMinutes");

  private final ParkingService parking;

  LotEndpoints(ParkingService parking) {
    this.parking = parking;
  }

  ApiResponse create(ApiRequest request) throws Exception {
    JsonFields body = JsonFields.of(request.jsonBody(), LOT_FIELDS);
    String id = body.requiredString("id");
    LotDefinition definition = definition(body);
    LotView created = LotView.of(parking.createLot(id, definition));
    return ApiResponse.created(created, "/api/lots/" + created.id());
  }

  ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(parking.lots().stream().map(LotView::of).toList());
  }

  ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(LotView.of(parking.lot(request.pathParam("lotId"))));
  }

  /** Replaces name, capacity and rates; an {@code id} in the body must be the one in the path. */
  ApiResponse update(ApiRequest request) throws Exception {
    String lotId = request.pathParam("lotId");
    JsonFields body = JsonFields.of(request.jsonBody(), LOT_FIELDS);
    String id = body.optionalString("id");
    if (id != null && !id.equals(lotId)) {
      throw new InvalidInputException("id", "id cannot change: the path names lot '" + lotId + "'");
    }
    return ApiResponse.ok(LotView.of(parking.updateLot(lotId, definition(body))));
  }

  ApiResponse delete(ApiRequest request) {
    parking.deleteLot(request.pathParam("lotId"));
    return ApiResponse.noContent();
  }

  private static LotDefinition definition(JsonFields body) {
    String name = body.requiredString("name");
    int capacity = body.requiredInt("capacity", 1, LotDefinition.MAX_CAPACITY);
    Tariff tariff =
        new Tariff(
            body.requiredLong("hourlyRateCents", 0, MAX_CENTS),
            body.optionalLong("dailyMaxCents", 0, MAX_CENTS),
            (int) orZero(body.optionalLong("graceMinutes", 0, MAX_GRACE_MINUTES)));
    return new LotDefinition(name, capacity, tariff);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
