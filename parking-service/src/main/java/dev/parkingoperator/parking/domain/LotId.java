package dev.parkingoperator.parking.domain;

import java.util.regex.Pattern;

/** Lot ids are slugs, so they read well in URLs and as metric label values. */
public final class LotId {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,63}");

  private LotId() {}

  public static boolean isValid(String id) {
    return id != null && SLUG.matcher(id).matches();
  }

  public static String requireValid(String id) {
    if (!isValid(id)) {
      throw new InvalidInputException(
          "id", "id must be 1..63 lower-case letters, digits or dashes, got '" + id + "'");
    }
    return id;
  }
}
