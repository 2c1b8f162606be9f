package io.k3j.benchmarks;

import java.util.Arrays;

/** Percentiles of a set of durations in nanoseconds (nearest rank); values may be negative. */
record Latencies(int count, long p50Nanos, long p99Nanos, long maxNanos) {

  static final Latencies NONE = new Latencies(0, 0, 0, 0);

  static Latencies of(long[] nanos) {
    if (nanos.length == 0) {
      return NONE;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(
        sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  double p50Millis() {
    return p50Nanos / 1e6;
  }

  double p99Millis() {
    return p99Nanos / 1e6;
  }

  double maxMillis() {
    return maxNanos / 1e6;
  }

  private static long rank(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
