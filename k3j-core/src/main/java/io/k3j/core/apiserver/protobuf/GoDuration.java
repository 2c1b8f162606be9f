package io.k3j.core.apiserver.protobuf;

/**
 * A {@code meta/v1 Duration} as Go's {@code time.Duration.String} writes it, the form its JSON
 * uses: {@code 1h2m3.5s}, {@code 1m0s}, {@code 1.5s}, {@code 250ms}, {@code 1µs}, {@code 0s}.
 */
final class GoDuration {
  private static final long MICROSECOND = 1_000L;
  private static final long MILLISECOND = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private GoDuration() {}

  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    // Unsigned from here on: the magnitude of Long.MIN_VALUE is 2^63.
    long magnitude = nanos < 0 ? -nanos : nanos;
    if (Long.compareUnsigned(magnitude, SECOND) < 0) {
      if (magnitude < MICROSECOND) {
        return sign + magnitude + "ns";
      }
      if (magnitude < MILLISECOND) {
        return sign + decimal(magnitude, MICROSECOND, 3) + "µs";
      }
      return sign + decimal(magnitude, MILLISECOND, 6) + "ms";
    }
    long totalSeconds = Long.divideUnsigned(magnitude, SECOND);
    long fraction = Long.remainderUnsigned(magnitude, SECOND);
    long hours = totalSeconds / 3600;
    long minutes = totalSeconds / 60 % 60;
    long seconds = totalSeconds % 60;
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(decimal(seconds * SECOND + fraction, SECOND, 9)).append('s').toString();
  }

  /** {@code value / unit} with its fraction in up to {@code digits} digits, trailing zeros cut. */
  private static String decimal(long value, long unit, int digits) {
    long whole = value / unit;
    long fraction = value % unit;
    if (fraction == 0) {
      return Long.toString(whole);
    }
    String padded = String.format("%0" + digits + "d", fraction);
    return whole + "." + padded.replaceAll("0+$", "");
  }
}
