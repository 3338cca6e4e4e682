package dev.parkingoperator.parking.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parkingoperator.parking.domain.LotDefinition;
import dev.parkingoperator.parking.domain.Plate;
import dev.parkingoperator.parking.domain.Tariff;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule the domain enforces answers 400 naming the field, whoever calls it: never a 500. */
class DomainRuleErrorsTest {

  private static final Tariff FREE = new Tariff(0, null, 0);

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        rule("hourlyRateCents", () -> new Tariff(-1, null, 0)),
        rule("dailyMaxCents", () -> new Tariff(1, -1L, 0)),
        rule("graceMinutes", () -> new Tariff(1, null, -1)),
        rule("name", () -> new LotDefinition(" ", 1, FREE)),
        rule("name", () -> new LotDefinition("x".repeat(201), 1, FREE)),
        rule("capacity", () -> new LotDefinition("Lot", 0, FREE)),
        rule("capacity", () -> new LotDefinition("Lot", 100_001, FREE)),
        rule("plate", () -> new Plate("ab 12")),
        rule("plate", () -> Plate.normalise("--")));
  }

  private static Arguments rule(String field, ThrowingCallable breaking) {
    return Arguments.of(field, breaking);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRules")
  void isABadRequestNamingTheField(String field, ThrowingCallable breaking) {
    ApiError error = ApiError.of(catchThrowable(breaking));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.error()).isEqualTo("invalid_field");
    assertThat(error.message()).startsWith(field);
  }
}
