package io.k3j.core.datastore.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where the next page of a list starts: the revision the first page was read at, how many keys are
 * left from here (counted once, on the first page: the snapshot does not change), and the first key
 * the next page may return. Encoded as unpadded base64url of the revision and the count (8 bytes
 * each) and the key.
 */
public record ContinueToken(long revision, long remaining, byte[] startKey) {
  private static final int HEADER = 2 * Long.BYTES;

  /** The smallest key greater than {@code key}: the key with a zero byte appended. */
  public static byte[] keyAfter(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  public String encode() {
    ByteBuffer buffer = ByteBuffer.allocate(HEADER + startKey.length);
    buffer.putLong(revision).putLong(remaining).put(startKey);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  /**
   * @throws IllegalArgumentException when the token was not made by {@link #encode()}
   */
  public static ContinueToken decode(String token) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid continue token: not base64url", e);
    }
    if (bytes.length < HEADER) {
      throw new IllegalArgumentException("invalid continue token: too short");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long revision = buffer.getLong();
    long remaining = buffer.getLong();
    if (revision <= 0 || remaining < 0) {
      throw new IllegalArgumentException("invalid continue token: bad revision or count");
    }
    return new ContinueToken(revision, remaining, Arrays.copyOfRange(bytes, HEADER, bytes.length));
  }
}
