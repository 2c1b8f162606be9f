package io.k3j.benchmarks;

import java.util.SplittableRandom;

/** Value payloads: random bytes, so nothing compresses or deduplicates them for free. */
final class Values {
  private Values() {}

  static byte[] random(int bytes, long seed) {
    byte[] value = new byte[bytes];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < bytes; i++) {
      value[i] = (byte) random.nextInt(256);
    }
    return value;
  }
}
