package io.k3j.core.apiserver.resources;

import java.time.Clock;
import java.time.Instant;

/**
 * Kubernetes timestamps ({@code metav1.Time}: RFC 3339 in UTC, whole seconds) of the clock's now.
 * Writes in the same second share one formatted string instead of formatting it each time.
 */
public final class Timestamps {
  private record Formatted(long second, String text) {}

  private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

  private Timestamps() {}

  /** {@code clock}'s instant truncated to the second, as {@code 2006-01-02T15:04:05Z}. */
  public static String now(Clock clock) {
    long second = Math.floorDiv(clock.millis(), 1_000L);
    Formatted formatted = last;
    if (formatted.second() != second) {
      formatted = new Formatted(second, Instant.ofEpochSecond(second).toString());
      last = formatted;
    }
    return formatted.text();
  }
}
