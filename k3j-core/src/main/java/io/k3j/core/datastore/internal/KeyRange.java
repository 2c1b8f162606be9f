package io.k3j.core.datastore.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys that start with a prefix, as a half-open range of UTF-8 byte strings compared byte-wise
 * (the order SQLite uses for BLOBs). {@code end} is null when the range is unbounded, which happens
 * for the empty prefix and for prefixes made only of 0xff bytes.
 */
public record KeyRange(String prefix, byte[] start, byte[] end) {

  public static KeyRange prefix(String prefix) {
    byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
    return new KeyRange(prefix, start, successorOfPrefix(start));
  }

  /** The same range starting at {@code from} instead, for the next page of a list. */
  public KeyRange from(byte[] from) {
    return new KeyRange(prefix, from, end);
  }

  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(key, start) >= 0
        && (end == null || Arrays.compareUnsigned(key, end) < 0);
  }

  public boolean matches(String key) {
    return key.startsWith(prefix);
  }

  /** The smallest byte string greater than every string starting with {@code prefix}. */
  private static byte[] successorOfPrefix(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }
}
