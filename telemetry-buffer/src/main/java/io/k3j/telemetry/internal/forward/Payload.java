package io.k3j.telemetry.internal.forward;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One queue record's payload: {@code length} bytes of {@code array} from {@code offset} on. The
 * array is usually a {@link BatchReader} buffer that holds a whole batch and is reused for later
 * batches, so a payload is only valid while its batch is; whatever must outlive the send (a split,
 * a dead letter, another encoding) takes a copy with {@link #toArray()}.
 */
record Payload(byte[] array, int offset, int length) {

  static Payload of(byte[] bytes) {
    return new Payload(bytes, 0, bytes.length);
  }

  /** The bytes in an array of their own (the array itself when the payload is all of it). */
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
