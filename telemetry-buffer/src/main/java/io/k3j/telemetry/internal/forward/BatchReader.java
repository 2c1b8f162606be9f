package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.internal.queue.QueueCursor;
import io.k3j.telemetry.internal.queue.QueueRecord;
import io.k3j.telemetry.internal.queue.RecordSlice;
import io.k3j.telemetry.internal.queue.StoredRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups consecutive queue records of the same signal into batches of at most {@code maxBytes} (a
 * single bigger record forms its own batch and is split when sent).
 *
 * <p>A batch's payloads are read into one buffer of {@code maxBytes}, which the forwarder hands
 * back ({@link #recycle}) when the batch is delivered, for a later batch. So a drain does not
 * allocate its payloads again and again: in a small heap the serial collector promoted the payloads
 * of the requests on the wire (8 x 1 MiB) into the old generation at nearly every young collection,
 * where they died, and a 48 MB heap then ran 600-1,000 full collections per 2 GiB drained. Buffers
 * stay in the old generation instead, at most one per batch in flight plus the one being filled;
 * {@link #trim} lets all but one go when the forwarder is idle.
 */
final class BatchReader {
  private final QueueCursor cursor;
  private final int maxBytes;
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();

  BatchReader(QueueCursor cursor, int maxBytes) {
    this.cursor = cursor;
    this.maxBytes = maxBytes;
  }

  /** The next batch, or {@code null} when the queue has nothing more yet. */
  Batch next() {
    byte[] buffer = spare.isEmpty() ? new byte[maxBytes] : spare.pop();
    List<Payload> payloads = new ArrayList<>();
    RecordSlice first = null;
    RecordSlice last = null;
    long items = 0;
    int size = 0;
    try {
      RecordSlice slice;
      while ((slice = cursor.nextInto(buffer, size, first == null ? null : first.signal()))
          != null) {
        first = first == null ? slice : first;
        last = slice;
        payloads.add(new Payload(buffer, slice.offset(), slice.length()));
        items += slice.items();
        size += slice.length();
      }
    } catch (RuntimeException | Error e) {
      if (first == null) {
        spare.push(buffer);
        throw e;
      }
      // the records read so far are sent: the cursor is past them. The one that failed stays
      // unread, and the next batch reads it again (and fails again if it still does).
    }
    if (first == null) {
      spare.push(buffer);
      return bigger();
    }
    Part part = new Part(first.signal(), List.copyOf(payloads), items);
    return new Batch(first.index(), last.index(), first.appendedAtMillis(), part, buffer);
  }

  /** Nothing, or a record bigger than a buffer, in an array of its own. */
  private Batch bigger() {
    StoredRecord stored = cursor.next();
    if (stored == null) {
      return null;
    }
    QueueRecord record = stored.record();
    Part part = new Part(record.signal(), List.of(Payload.of(record.payload())), record.items());
    return new Batch(stored.index(), stored.index(), record.appendedAtMillis(), part, null);
  }

  /** A batch's buffer that nothing reads any more (the request was answered), for reuse. */
  void recycle(byte[] buffer) {
    spare.push(buffer);
  }

  /** Keeps one spare buffer only: called when nothing is in flight. */
  void trim() {
    while (spare.size() > 1) {
      spare.pop();
    }
  }

  void close() {
    cursor.close();
  }
}
