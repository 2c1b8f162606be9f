package io.k3j.telemetry.internal.grpc;

import java.util.concurrent.TimeUnit;

/**
 * The {@code grpc-timeout} request header (gRPC PROTOCOL-HTTP2.md, "Requests": Timeout →
 * TimeoutValue TimeoutUnit, the value a positive integer of at most 8 ASCII digits, the unit one of
 * {@code H M S m u n}). Without the header a call has no deadline ("a server should assume an
 * infinite timeout").
 */
final class GrpcTimeout {
  /** No {@code grpc-timeout}: the call has no deadline. */
  static final long NONE = -1;

  private static final int MAX_DIGITS = 8;

  private GrpcTimeout() {}

  /**
   * @return the timeout in nanoseconds (saturated at {@link Long#MAX_VALUE}), or {@link #NONE}
   * @throws IllegalArgumentException the value does not follow the grammar
   */
  static long nanos(CharSequence header) {
    if (header == null) {
      return NONE;
    }
    int length = header.length();
    if (length < 2 || length > MAX_DIGITS + 1) {
      throw malformed(header);
    }
    long value = 0;
    for (int i = 0; i < length - 1; i++) {
      char c = header.charAt(i);
      if (c < '0' || c > '9') {
        throw malformed(header);
      }
      value = value * 10 + (c - '0');
    }
    TimeUnit unit =
        switch (header.charAt(length - 1)) {
          case 'H' -> TimeUnit.HOURS;
          case 'M' -> TimeUnit.MINUTES;
          case 'S' -> TimeUnit.SECONDS;
          case 'm' -> TimeUnit.MILLISECONDS;
          case 'u' -> TimeUnit.MICROSECONDS;
          case 'n' -> TimeUnit.NANOSECONDS;
          default -> throw malformed(header);
        };
    return unit.toNanos(value);
  }

  private static IllegalArgumentException malformed(CharSequence header) {
    return new IllegalArgumentException(
        "malformed grpc-timeout '"
            + header
            + "': expected at most 8 digits and a unit H, M, S, m, u or n");
  }
}
