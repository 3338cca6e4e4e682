package dev.parkingoperator.parking.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** A licence plate in normal form: upper case letters and digits only, 1 to 16 of them. */
public record Plate(String value) {

  private static final Pattern NORMAL_FORM = Pattern.compile("[A-Z0-9]{1,16}");
  private static final Pattern SEPARATORS = Pattern.compile("[ -]+");

  public Plate {
    if (!NORMAL_FORM.matcher(value).matches()) {
      throw new InvalidInputException(
          "plate", "plate must be 1..16 letters or digits, got '" + value + "'");
    }
  }

  /**
   * Trims, upper-cases and drops inner spaces and dashes, so "ab-12 cd" and "AB12CD" are the same
   * car.
   *
   * @throws InvalidInputException when what is left is not 1..16 letters or digits
   */
  public static Plate normalise(String raw) {
    String normal = SEPARATORS.matcher(raw.strip().toUpperCase(Locale.ROOT)).replaceAll("");
    if (!NORMAL_FORM.matcher(normal).matches()) {
      throw new InvalidInputException(
          "plate", "plate must be 1..16 letters or digits after removing spaces and dashes");
    }
    return new Plate(normal);
  }

  @Override
  public String toString() {
    return value;
  }
}
