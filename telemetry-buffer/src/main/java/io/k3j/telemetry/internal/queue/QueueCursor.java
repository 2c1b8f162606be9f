package io.k3j.telemetry.internal.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
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
  private final PayloadReader payloads = new PayloadReader();
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
          QueueRecord record = read(doc);
          lastIndex = index;
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

  /** Large payloads with positioned reads (see {@link PayloadReader}), small ones mapped. */
  private QueueRecord read(DocumentContext doc) {
    try {
      return RecordCodec.read(doc.wire().bytes(), payloads, tailer.currentFile().toPath());
    } catch (IOException e) {
      doc.rollbackOnClose(); // read again next time: an I/O error is not a torn record
      throw new UncheckedIOException("reading queue record " + Long.toHexString(doc.index()), e);
    }
  }

  @Override
  public void close() {
    tailer.close();
    try {
      payloads.close();
    } catch (IOException e) {
      // read-only channel: nothing is lost
    }
  }
}
