package dev.parkingoperator.parking.domain;

import java.time.Duration;

/**
 * How a lot charges for a stay: free within the grace period, otherwise every started hour costs
 * the hourly rate, and every started 24-hour period costs at most the daily maximum (when set).
 *
 * @param dailyMaxCents {@code null} when the lot has no daily cap
 */
public record Tariff(long hourlyRateCents, Long dailyMaxCents, int graceMinutes) {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofHours(24);

  public Tariff {
    if (hourlyRateCents < 0) {
      throw new InvalidInputException(
          "hourlyRateCents", "hourlyRateCents must be >= 0, got " + hourlyRateCents);
    }
    if (dailyMaxCents != null && dailyMaxCents < 0) {
      throw new InvalidInputException(
          "dailyMaxCents", "dailyMaxCents must be >= 0, got " + dailyMaxCents);
    }
    if (graceMinutes < 0) {
      throw new InvalidInputException(
          "graceMinutes", "graceMinutes must be >= 0, got " + graceMinutes);
    }
  }

  public long feeFor(Duration stay) {
    if (stay.isNegative() || stay.compareTo(Duration.ofMinutes(graceMinutes)) <= 0) {
      return 0;
    }
    long fullDays = stay.dividedBy(DAY);
    Duration rest = stay.minus(DAY.multipliedBy(fullDays));
    return fullDays * costOfPeriod(DAY) + costOfPeriod(rest);
  }

  /** Cost of a period no longer than 24 hours: its started hours, capped at the daily maximum. */
  private long costOfPeriod(Duration period) {
    long startedHours = ceilDiv(period.toNanos(), HOUR.toNanos());
    long byTheHour = startedHours * hourlyRateCents;
    return dailyMaxCents == null ? byTheHour : Math.min(byTheHour, dailyMaxCents);
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }
}
