package io.k3j.telemetry.internal.forward;

/**
 * Queue records {@code firstIndex..lastIndex} sent as one request, possibly split into several
 * parts later. The batch is done, and may be acked, when no part is outstanding.
 */
final class Batch {
  final long firstIndex;
  final long lastIndex;
  final long appendedAtMillis;
  final Part part;
  int outstandingParts = 1;
  long firstFailureMillis = -1;

  Batch(long firstIndex, long lastIndex, long appendedAtMillis, Part part) {
    this.firstIndex = firstIndex;
    this.lastIndex = lastIndex;
    this.appendedAtMillis = appendedAtMillis;
    this.part = part;
  }

  boolean done() {
    return outstandingParts == 0;
  }
}
