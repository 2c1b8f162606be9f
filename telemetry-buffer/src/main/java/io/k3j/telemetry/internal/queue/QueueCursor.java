package io.k3j.telemetry.internal.queue;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A reader that starts just after a destination's acked index. Used by one thread only. Records
 * that fail their checksum are skipped and reported to the queue; when the file under the cursor
 * was deleted (drop-oldest), the cursor moves on to the oldest remaining record.
 */
public final class QueueCursor implements AutoCloseable {
  private final DurableQueue queue;
  private final ExcerptTailer tailer;
  private long lastIndex;

  QueueCursor(DurableQueue queue, ExcerptTailer tailer, long ackedIndex) {
    this.queue = queue;
    this.tailer = tailer;
    this.lastIndex = ackedIndex;
    position();
    // positioned on the creating thread; from now on owned by the thread that reads
    tailer.singleThreadedCheckReset();
  }

  private void position() {
    if (lastIndex < 0 || !tailer.moveToIndex(lastIndex)) {
      tailer.toStart();
      return;
    }
    try (DocumentContext skipped = tailer.readingDocument()) {
      // the acked record itself; reading it moves the tailer past it
      skipped.isPresent();
    }
  }

  /** The next record after everything returned so far, or {@code null} if none is written yet. */
  public StoredRecord next() {
    for (int attempt = 0; attempt < 2; attempt++) {
      while (true) {
        try (DocumentContext doc = tailer.readingDocument()) {
          if (!doc.isPresent()) {
            break;
          }
          long index = doc.index();
          if (index <= lastIndex) {
            continue;
          }
          lastIndex = index;
          QueueRecord record = RecordCodec.read(doc.wire().bytes());
          if (record == null) {
            queue.reportTorn(index);
            continue;
          }
          return new StoredRecord(index, record);
        }
      }
      if (tailer.cycle() >= queue.firstCycle()) {
        return null;
      }
      tailer.toStart();
    }
    return null;
  }

  @Override
  public void close() {
    tailer.close();
  }
}
