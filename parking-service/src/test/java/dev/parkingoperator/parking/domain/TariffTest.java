package dev.parkingoperator.parking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TariffTest {

  /** 250 cents an hour, at most 2000 per started 24 hours, the first 15 minutes free. */
  private static final Tariff CITY = new Tariff(250, 2000L, 15);

  @ParameterizedTest(name = "{0} costs {1}")
  @CsvSource({
    "PT0S,        0",
    "PT15M,       0", // within grace, inclusive
    "PT15M1S,   250", // past grace: the first started hour
    "PT1H,      250",
    "PT1H0.001S, 500", // a started hour counts in full
    "PT2H10M,   750", // README example 1
    "PT8H,     2000", // 8 hours capped at the daily maximum
    "PT24H,    2000",
    "PT26H,    2500", // README example 2: one full day plus 2 started hours
    "PT48H,    4000", // exactly two days: nothing started after them
    "PT55H30M, 6000", // two days plus 7h30m: 8 started hours, capped at 2000
  })
  void chargesStartedHoursCappedPerDay(Duration stay, long expectedCents) {
    assertThat(CITY.feeFor(stay)).isEqualTo(expectedCents);
  }

  @ParameterizedTest(name = "{0} costs {1} without a daily maximum")
  @CsvSource({"PT0S, 0", "PT1S, 100", "PT24H, 2400", "PT25H, 2500"})
  void withoutCapOrGraceEveryStartedHourCounts(Duration stay, long expectedCents) {
    assertThat(new Tariff(100, null, 0).feeFor(stay)).isEqualTo(expectedCents);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PT1H", "PT30H"})
  void aFreeLotChargesNothing(Duration stay) {
    assertThat(new Tariff(0, null, 0).feeFor(stay)).isZero();
  }

  @ParameterizedTest(name = "hourly={0} dailyMax={1} grace={2}")
  @CsvSource({"-1, , 0, hourlyRateCents", "1, -1, 0, dailyMaxCents", "1, , -1, graceMinutes"})
  void refusesNegativeRates(long hourly, Long dailyMax, int grace, String field) {
    assertThatThrownBy(() -> new Tariff(hourly, dailyMax, grace))
        .isInstanceOf(IllegalArgumentException.class)
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(field + " must be >= 0");
  }
}
