package dev.parkingoperator.parking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlateTest {

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "AB12CD|AB12CD",
        "  ab12cd  |AB12CD",
        "ab-12-cd|AB12CD",
        "AB 12 CD|AB12CD",
        "a - b|AB",
        "1|1",
        "ABCDEFGHJK123456|ABCDEFGHJK123456",
        "ABCD-EFGH JK12-3456|ABCDEFGHJK123456",
      })
  void normalisesToUpperCaseLettersAndDigits(String raw, String expected) {
    assertThat(Plate.normalise(raw).value()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "   ", "--", "ABCDEFGHJK1234567", "AB_12", "AB.12", "ÄB12", "AB\t12"})
  void refusesWhatIsNotOneToSixteenLettersOrDigits(String raw) {
    assertThatThrownBy(() -> Plate.normalise(raw))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("plate"))
        .hasMessageContaining("plate");
  }
}
