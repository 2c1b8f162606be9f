package io.k3j.telemetry.internal.queue;

import io.k3j.telemetry.internal.otlp.Signal;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes cycle files every destination is done with: a file goes once each destination's acked
 * index lies in a later cycle. The newest file is never deleted (the appender may still write to
 * it). With no destinations nothing is ever acked, so nothing is deleted here.
 */
public final class CycleRetention {
  private static final Logger LOG = LoggerFactory.getLogger(CycleRetention.class);
  private final DurableQueue queue;
  private final Supplier<List<Long>> ackedIndexes;

  public CycleRetention(DurableQueue queue, Supplier<List<Long>> ackedIndexes) {
    this.queue = queue;
    this.ackedIndexes = ackedIndexes;
  }

  /** Deletes what may go and returns the number of bytes freed. */
  public synchronized long deleteAcked() {
    List<Long> acked = ackedIndexes.get();
    if (acked.isEmpty()) {
      return 0;
    }
    long minAcked = acked.stream().mapToLong(Long::longValue).min().orElse(-1);
    if (minAcked < 0) {
      return 0;
    }
    int doneBefore = queue.cycleOf(minAcked);
    List<CycleFile> files = queue.cycleFiles();
    long freed = 0;
    for (int i = 0; i < files.size() - 1; i++) {
      CycleFile file = files.get(i);
      if (file.cycle() >= doneBefore) {
        break;
      }
      try {
        queue.delete(file);
        freed += file.sizeBytes();
      } catch (IOException e) {
        LOG.warn("could not delete acked cycle file {}: {}", file.path(), e.toString());
        break;
      }
    }
    return freed;
  }

  /** A cycle file deleted before every destination acked it, with what it held per signal. */
  public record Dropped(CycleFile file, Map<Signal, Tally> contents) {}

  /**
   * Deletes the oldest file regardless of acks (drop-oldest), counting its contents first; returns
   * null when only the newest file is left.
   */
  public synchronized Dropped deleteOldest() throws IOException {
    List<CycleFile> files = queue.cycleFiles();
    if (files.size() < 2) {
      return null;
    }
    CycleFile oldest = files.get(0);
    Map<Signal, Tally> contents = queue.tally(oldest);
    queue.delete(oldest);
    return new Dropped(oldest, contents);
  }
}
