package io.k3j.telemetry.internal.queue;

import io.k3j.telemetry.Durability;
import io.k3j.telemetry.internal.otlp.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only store of accepted requests, on Chronicle Queue. Appends are serialised by one
 * lock (they only copy into the page cache); durability is awaited separately with {@link
 * #whenDurable(long)} so that concurrent requests share fsyncs. Readers are independent cursors.
 * Payloads of {@link #MIN_PAYLOAD_FILE_BYTES} or more go to the cycle's {@link PayloadFiles payload
 * file}, the document holding only their offset.
 */
public final class DurableQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DurableQueue.class);

  /** Smaller payloads stay in the document: a page or less gains nothing from a file of its own. */
  static final int MIN_PAYLOAD_FILE_BYTES = 8192;

  private final SingleChronicleQueue queue;
  private final ExcerptAppender appender;
  private final GroupCommit groupCommit;
  private final CycleFiles cycleFiles;
  private final PayloadWriter payloadWriter = new PayloadWriter();
  private final Set<Long> tornIndexes = ConcurrentHashMap.newKeySet();
  private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong fileChanges =
      new java.util.concurrent.atomic.AtomicLong();
  private final Map<Integer, Long> closedCycleBytes = new ConcurrentHashMap<>();
  private int appendCycle = Integer.MIN_VALUE;
  private Path payloadFile;
  private long payloadEnd;

  private DurableQueue(QueueOptions options) throws IOException {
    Files.createDirectories(options.directory());
    queue =
        SingleChronicleQueueBuilder.binary(options.directory())
            .rollCycle(options.rollCycle())
            .blockSize(options.blockSize())
            .timeProvider(options.timeProvider())
            .build();
    appender = queue.createAppender();
    appender.singleThreadedCheckDisabled(true);
    groupCommit = options.durability() == Durability.DISK ? new GroupCommit() : null;
    cycleFiles = new CycleFiles(options.directory(), queue.rollCycle());
    cycleFiles.deleteOrphanPayloadFiles();
    checkLastRecord();
  }

  /** A power cut can tear the last record; find it at start-up so it is counted even unread. */
  private void checkLastRecord() throws IOException {
    try (ExcerptTailer tailer = queue.createTailer();
        PayloadReader reader = new PayloadReader()) {
      tailer.direction(TailerDirection.BACKWARD).toEnd();
      try (DocumentContext doc = tailer.readingDocument()) {
        if (doc.isPresent()
            && RecordCodec.read(doc.wire().bytes(), reader, tailer.currentFile().toPath())
                == null) {
          reportTorn(doc.index());
        }
      }
    }
  }

  public static DurableQueue open(QueueOptions options) throws IOException {
    return new DurableQueue(options);
  }

  /** Copies the record into the queue and returns its index; not yet durable in DISK mode. */
  public long append(QueueRecord record) {
    long index;
    synchronized (appender) {
      try (DocumentContext doc = appender.writingDocument()) {
        Bytes<?> bytes = doc.wire().bytes();
        if (record.payload().length < MIN_PAYLOAD_FILE_BYTES) {
          RecordCodec.write(bytes, record);
        } else {
          writeToPayloadFile(doc, bytes, record);
        }
      }
      index = appender.lastIndexAppended();
      if (appender.cycle() != appendCycle) {
        appendCycle = appender.cycle();
        fileChanges.incrementAndGet();
      }
      if (groupCommit != null) {
        Path cycleFile = appender.currentFile().toPath();
        if (record.payload().length >= MIN_PAYLOAD_FILE_BYTES) {
          groupCommit.written(PayloadFiles.of(cycleFile), index);
        }
        groupCommit.written(cycleFile, index);
      }
    }
    for (Runnable listener : appendListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        // the record is appended either way: a listener must not turn it into a failure
        LOG.warn("append listener failed: {}", e.toString());
      }
    }
    return index;
  }

  /**
   * Writes the payload at the end of the cycle's payload file with {@link PayloadWriter}, then its
   * offset and the record header into the document. The document is committed only after the
   * payload is in the page cache, so no reader sees a header without its bytes; a failed write
   * rolls the document back. Bytes of a rolled-back or crashed append stay unreferenced in the
   * payload file and go with it.
   */
  private void writeToPayloadFile(DocumentContext doc, Bytes<?> bytes, QueueRecord record) {
    Path file = PayloadFiles.of(appender.currentFile().toPath());
    try {
      if (!file.equals(payloadFile)) {
        payloadEnd = Files.exists(file) ? Files.size(file) : 0;
        payloadFile = file;
      }
      long offset = payloadEnd;
      payloadWriter.write(file, offset, record.payload());
      payloadEnd = offset + record.payload().length;
      RecordCodec.writeReference(bytes, record, offset);
    } catch (IOException e) {
      doc.rollbackOnClose();
      payloadFile = null; // size it again from the file
      throw new UncheckedIOException("writing a queue record failed", e);
    }
  }

  /** Completes once the record at {@code index} survives the configured failure. */
  public CompletableFuture<Void> whenDurable(long index) {
    return groupCommit == null
        ? CompletableFuture.completedFuture(null)
        : groupCommit.whenSynced(index);
  }

  /** A new cursor that returns records after {@code ackedIndex} (-1: from the start). */
  public QueueCursor cursorAfter(long ackedIndex) {
    return new QueueCursor(this, queue.createTailer(), ackedIndex);
  }

  public void onAppend(Runnable listener) {
    appendListeners.add(listener);
  }

  public void removeOnAppend(Runnable listener) {
    appendListeners.remove(listener);
  }

  /** Cycle files, oldest first. */
  public List<CycleFile> cycleFiles() {
    return cycleFiles.list();
  }

  public long diskBytes() {
    return cycleFiles.totalBytes();
  }

  /** Changes whenever a cycle file is created or deleted; cached disk usage is then stale. */
  public long fileChanges() {
    return fileChanges.get();
  }

  public int cycleOf(long index) {
    return queue.rollCycle().toCycle(index);
  }

  int firstCycle() {
    return queue.firstCycle();
  }

  /**
   * Items and payload bytes per signal held in one cycle file, read from the record headers (the
   * payloads are not copied). Used to count what drop-oldest throws away.
   */
  public Map<Signal, Tally> tally(CycleFile file) {
    Map<Signal, Tally> tally = new EnumMap<>(Signal.class);
    try (ExcerptTailer tailer = queue.createTailer()) {
      if (!tailer.moveToCycle(file.cycle())) {
        return tally;
      }
      while (true) {
        try (DocumentContext doc = tailer.readingDocument()) {
          if (!doc.isPresent() || queue.rollCycle().toCycle(doc.index()) != file.cycle()) {
            return tally;
          }
          RecordCodec.Header header = RecordCodec.readHeader(doc.wire().bytes());
          if (header != null) {
            tally.merge(header.signal(), new Tally(header.items(), header.length()), Tally::plus);
          }
        }
      }
    }
  }

  /**
   * Payload bytes of the records after {@code index} (-1: all), read from record headers. Only the
   * cycle holding {@code index} and the newest cycle are read each time; the totals of the closed
   * cycles in between are remembered, so the cost does not grow with the backlog.
   */
  public long payloadBytesAfter(long index) {
    List<CycleFile> files = cycleFiles();
    if (files.isEmpty()) {
      return 0;
    }
    int newest = files.get(files.size() - 1).cycle();
    closedCycleBytes.keySet().retainAll(files.stream().map(CycleFile::cycle).toList());
    long total = 0;
    int firstWholeCycle = Integer.MIN_VALUE;
    if (index >= 0) {
      try (ExcerptTailer tailer = queue.createTailer()) {
        if (tailer.moveToIndex(index)) {
          int cycle = cycleOf(index);
          total += bytesToCycleEnd(tailer, cycle, index);
          firstWholeCycle = cycle + 1;
        }
      }
    }
    for (CycleFile file : files) {
      if (file.cycle() < firstWholeCycle) {
        continue;
      }
      if (file.cycle() < newest) {
        total += closedCycleBytes.computeIfAbsent(file.cycle(), c -> payloadBytes(file));
      } else {
        total += payloadBytes(file);
      }
    }
    return total;
  }

  private long bytesToCycleEnd(ExcerptTailer tailer, int cycle, long after) {
    long total = 0;
    while (true) {
      try (DocumentContext doc = tailer.readingDocument()) {
        if (!doc.isPresent() || queue.rollCycle().toCycle(doc.index()) != cycle) {
          return total;
        }
        if (doc.index() > after) {
          RecordCodec.Header header = RecordCodec.readHeader(doc.wire().bytes());
          total += header == null ? 0 : header.length();
        }
      }
    }
  }

  private long payloadBytes(CycleFile file) {
    return tally(file).values().stream().mapToLong(Tally::bytes).sum();
  }

  /**
   * Deletes a whole cycle file and then its payload file; cursors positioned in it move on to the
   * next one (a cursor still reading it keeps its open payload file). A payload file left by a
   * crash in between is deleted at the next start.
   */
  public void delete(CycleFile file) throws IOException {
    Files.deleteIfExists(file.path());
    Files.deleteIfExists(PayloadFiles.of(file.path()));
    queue.refreshDirectoryListing();
    fileChanges.incrementAndGet();
    LOG.info("deleted queue cycle file {} ({} bytes)", file.path().getFileName(), file.sizeBytes());
  }

  void reportTorn(long index) {
    if (tornIndexes.add(index)) {
      LOG.warn("skipped torn or corrupt queue record at index {}", Long.toHexString(index));
    }
  }

  /** Records skipped because their checksum or length did not match (power loss, corruption). */
  public long tornRecords() {
    return tornIndexes.size();
  }

  /** Number of fsync rounds so far (group commit: fewer rounds than appends under load). */
  public long syncRounds() {
    return groupCommit == null ? 0 : groupCommit.syncRounds();
  }

  @Override
  public void close() {
    if (groupCommit != null) {
      groupCommit.close();
    }
    synchronized (appender) {
      appender.close();
      try {
        payloadWriter.close();
      } catch (IOException e) {
        LOG.debug("closing the payload channel failed", e);
      }
    }
    queue.close();
  }
}
