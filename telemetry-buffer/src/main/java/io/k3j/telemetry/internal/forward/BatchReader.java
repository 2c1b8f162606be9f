package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.internal.queue.QueueCursor;
import io.k3j.telemetry.internal.queue.StoredRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups consecutive queue records of the same signal into batches of at most {@code maxBytes} (a
 * single bigger record forms its own batch and is split when sent).
 */
final class BatchReader {
  private final QueueCursor cursor;
  private final int maxBytes;
  private StoredRecord lookahead;

  BatchReader(QueueCursor cursor, int maxBytes) {
    this.cursor = cursor;
    this.maxBytes = maxBytes;
  }

  /** The next batch, or {@code null} when the queue has nothing more yet. */
  Batch next() {
    StoredRecord first = lookahead != null ? lookahead : cursor.next();
    lookahead = null;
    if (first == null) {
      return null;
    }
    List<byte[]> payloads = new ArrayList<>();
    payloads.add(first.record().payload());
    long items = first.record().items();
    int size = first.record().payload().length;
    long last = first.index();
    while (true) {
      StoredRecord candidate = cursor.next();
      if (candidate == null) {
        break;
      }
      int length = candidate.record().payload().length;
      if (candidate.record().signal() != first.record().signal() || size + length > maxBytes) {
        lookahead = candidate;
        break;
      }
      payloads.add(candidate.record().payload());
      items += candidate.record().items();
      size += length;
      last = candidate.index();
    }
    Part part = new Part(first.record().signal(), List.copyOf(payloads), items);
    return new Batch(first.index(), last, first.record().appendedAtMillis(), part);
  }

  void close() {
    cursor.close();
  }
}
