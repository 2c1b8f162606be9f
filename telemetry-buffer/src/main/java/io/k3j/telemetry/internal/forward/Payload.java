package io.k3j.telemetry.internal.forward;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One queue record's payload: {@code length} bytes of {@code array} from {@code offset} on. The
 * array is usually a {@link BatchReader} buffer that holds a whole batch and is reused for later
 * batches, so a payload is only valid while its batch is, and whatever must outlive the batch
 * copies it.
 */
record Payload(byte[] array, int offset, int length) {

  static Payload of(byte[] bytes) {
    return new Payload(bytes, 0, bytes.length);
  }

  /**
   * The bytes as one array: a copy of the range, or the array itself when the payload is all of it
   * (an array of its own, or a batch buffer that one record fills exactly), so, like the payload,
   * valid while its batch is.
   */
  byte[] toArray() {
    return offset == 0 && length == array.length
        ? array
        : Arrays.copyOfRange(array, offset, offset + length);
  }

  /** A buffer over the bytes, not a copy. */
  ByteBuffer buffer() {
    return ByteBuffer.wrap(array, offset, length);
  }
}
