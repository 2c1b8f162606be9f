package io.k3j.core.datastore.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where the next page of a list starts: the revision the first page was read at and the first key
 * the next page may return. Encoded as unpadded base64url of the revision (8 bytes) and the key.
 */
public record ContinueToken(long revision, byte[] startKey) {

  public static ContinueToken after(long revision, byte[] lastKey) {
    return new ContinueToken(revision, Arrays.copyOf(lastKey, lastKey.length + 1));
  }

  public String encode() {
    ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + startKey.length);
    buffer.putLong(revision).put(startKey);
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
    if (bytes.length < Long.BYTES) {
      throw new IllegalArgumentException("invalid continue token: too short");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long revision = buffer.getLong();
    if (revision <= 0) {
      throw new IllegalArgumentException("invalid continue token: bad revision " + revision);
    }
    return new ContinueToken(revision, Arrays.copyOfRange(bytes, Long.BYTES, bytes.length));
  }
}
