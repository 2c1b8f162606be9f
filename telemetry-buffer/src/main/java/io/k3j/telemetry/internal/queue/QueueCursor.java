package io.k3j.telemetry.internal.queue;

import io.k3j.telemetry.internal.otlp.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
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

  /** What {@link #advance} gets for a torn record: counted and skipped. */
  private static final Object TORN = new Object();

  /** What {@link #advance} gets for a record to leave unread. */
  private static final Object LEFT = new Object();

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
    return (StoredRecord)
        advance(
            doc -> {
              QueueRecord record = read(doc);
              return record == null ? TORN : new StoredRecord(doc.index(), record);
            });
  }

  /**
   * The next record like {@link #next()}, but with its payload read into {@code dest} from {@code
   * offset} on instead of into an array of its own. {@code null} when there is none yet, and also
   * when the next record is not of {@code signal} (any signal when {@code null}) or does not fit in
   * the rest of {@code dest}: that record stays unread, for the next call.
   */
  public RecordSlice nextInto(byte[] dest, int offset, Signal signal) {
    return (RecordSlice) advance(doc -> readInto(doc, dest, offset, signal));
  }

  /**
   * Decodes the first document after {@link #lastIndex}: the decoded record, or on to the next one
   * when it is {@link #TORN}, or {@code null} when there is none or it is {@link #LEFT} unread.
   */
  private Object advance(Function<DocumentContext, Object> decode) {
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
          Object decoded;
          try {
            decoded = decode.apply(doc);
          } catch (RuntimeException | Error e) {
            doc.rollbackOnClose(); // not past a record that was not returned (out of memory ...)
            throw e;
          }
          if (decoded == LEFT) {
            doc.rollbackOnClose();
            return null;
          }
          lastIndex = index;
          if (decoded == TORN) {
            queue.reportTorn(index);
            continue;
          }
          return decoded;
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
      throw unreadable(doc, e);
    }
  }

  private Object readInto(DocumentContext doc, byte[] dest, int offset, Signal signal) {
    Bytes<?> in = doc.wire().bytes();
    RecordCodec.Header header = RecordCodec.readWholeHeader(in);
    if (header == null) {
      return TORN;
    }
    if ((signal != null && header.signal() != signal) || header.length() > dest.length - offset) {
      return LEFT;
    }
    try {
      if (!RecordCodec.readPayload(
          in, header, payloads, tailer.currentFile().toPath(), dest, offset)) {
        return TORN;
      }
    } catch (IOException e) {
      throw unreadable(doc, e);
    }
    return new RecordSlice(
        doc.index(), header.signal(), header.appendedAt(), header.items(), offset, header.length());
  }

  private static UncheckedIOException unreadable(DocumentContext doc, IOException e) {
    doc.rollbackOnClose(); // read again next time: an I/O error is not a torn record
    return new UncheckedIOException("reading queue record " + Long.toHexString(doc.index()), e);
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
