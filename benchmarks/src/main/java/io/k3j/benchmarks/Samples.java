package io.k3j.benchmarks;

import java.util.Arrays;

/** A growable list of nanosecond samples owned by one thread; merged and sorted for percentiles. */
final class Samples {
  private long[] values = new long[1024];
  private int size;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  long sum() {
    long sum = 0;
    for (int i = 0; i < size; i++) {
      sum += values[i];
    }
    return sum;
  }

  /** All samples of {@code parts} as one summary. */
  static Latencies merge(Iterable<Samples> parts) {
    int total = 0;
    for (Samples part : parts) {
      total += part.size;
    }
    long[] all = new long[total];
    int at = 0;
    for (Samples part : parts) {
      System.arraycopy(part.values, 0, all, at, part.size);
      at += part.size;
    }
    return Latencies.of(all);
  }
}
