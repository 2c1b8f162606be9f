package io.k3j.telemetry.internal.forward;

/**
 * Queue records {@code firstIndex..lastIndex} sent as one request, possibly split into several
 * parts later. The batch is done, and may be acked, when no part is outstanding.
 *
 * <p>The forwarder's window keeps a batch until every batch before it is done too, so a finished
 * batch may wait there behind a slow one while later batches are read and sent. Its payloads are
 * therefore handed over once ({@link #takePart}) and not kept: only the requests on the wire hold
 * payloads, at most {@code max-in-flight} of them, and the buffer's heap stays small.
 */
final class Batch {
  final long firstIndex;
  final long lastIndex;
  final long appendedAtMillis;
  private Part part;

  /** The {@link BatchReader} buffer the payloads lie in, while it may be reused afterwards. */
  private byte[] buffer;

  int outstandingParts = 1;
  long firstFailureMillis = -1;

  Batch(long firstIndex, long lastIndex, long appendedAtMillis, Part part, byte[] buffer) {
    this.firstIndex = firstIndex;
    this.lastIndex = lastIndex;
    this.appendedAtMillis = appendedAtMillis;
    this.part = part;
    this.buffer = buffer;
  }

  /**
   * After an answer other than delivered the buffer is not reused: a request that failed (a
   * timeout, a reset) may still be in the HTTP client's hands, and a retry or a split resends from
   * it.
   */
  void neverReuseBuffer() {
    buffer = null;
  }

  /** The buffer to reuse once the batch is done, or {@code null}; handed out once. */
  byte[] takeBuffer() {
    byte[] taken = buffer;
    buffer = null;
    return taken;
  }

  /** The batch's records as one part; the batch keeps no reference to them afterwards. */
  Part takePart() {
    Part taken = part;
    if (taken == null) {
      throw new IllegalStateException("the part of batch " + firstIndex + " was taken already");
    }
    part = null;
    return taken;
  }

  boolean done() {
    return outstandingParts == 0;
  }
}
