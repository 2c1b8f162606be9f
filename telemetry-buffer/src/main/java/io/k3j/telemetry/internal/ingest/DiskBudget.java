package io.k3j.telemetry.internal.ingest;

import io.k3j.telemetry.FullPolicy;
import io.k3j.telemetry.internal.metrics.BufferMetrics;
import io.k3j.telemetry.internal.queue.CycleRetention;
import io.k3j.telemetry.internal.queue.DurableQueue;
import java.io.IOException;
import java.nio.file.FileStore;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission control for appends. Usage is the summed length of the queue's cycle files (the current
 * file counts with its pre-allocated block, so the real footprint is never above it). Over the
 * budget, or with less free space on the volume than the headroom, acked files are deleted first;
 * then {@code block} refuses and {@code drop-oldest} deletes the oldest whole cycle file. The
 * newest file is never deleted, so a budget smaller than two cycles blocks.
 */
public final class DiskBudget {
  private static final Logger LOG = LoggerFactory.getLogger(DiskBudget.class);
  private static final long MIN_REMEASURE_BYTES = 64 * 1024;
  private static final long MAX_REMEASURE_BYTES = 16 * 1024 * 1024;

  private final DurableQueue queue;
  private final CycleRetention retention;
  private long maxBytes;
  private long minFreeBytes;
  private FullPolicy policy;
  private final LongSupplier freeBytes;
  private final BufferMetrics metrics;
  private long measured = -1;
  private long appendedSinceMeasure;
  private long measuredAtFileChange = -1;

  public DiskBudget(
      DurableQueue queue,
      CycleRetention retention,
      long maxBytes,
      long minFreeBytes,
      FullPolicy policy,
      FileStore store,
      BufferMetrics metrics) {
    this.queue = queue;
    this.retention = retention;
    this.maxBytes = maxBytes;
    this.minFreeBytes = minFreeBytes;
    this.policy = policy;
    this.freeBytes = () -> usableSpace(store);
    this.metrics = metrics;
  }

  /** Changes the budget and policy for the next appends; files already kept stay. */
  public synchronized void limits(long maxBytes, long minFreeBytes, FullPolicy policy) {
    this.maxBytes = maxBytes;
    this.minFreeBytes = minFreeBytes;
    this.policy = policy;
  }

  /** True when a record of {@code bytes} may be appended now; records it as appended if so. */
  public synchronized boolean admit(long bytes) {
    if (measured < 0
        || appendedSinceMeasure + bytes > remeasureAfter()
        || measuredAtFileChange != queue.fileChanges()) {
      remeasure();
    }
    if (fits(bytes)) {
      appendedSinceMeasure += bytes;
      return true;
    }
    retention.deleteAcked();
    remeasure();
    while (!fits(bytes) && policy == FullPolicy.DROP_OLDEST && dropOldest()) {
      remeasure();
    }
    if (fits(bytes)) {
      appendedSinceMeasure += bytes;
      return true;
    }
    return false;
  }

  /**
   * Bytes appended after which usage is measured again although no file came or went: a sixteenth
   * of what was left under the budget at the last measurement, between 64 KiB and 16 MiB. The
   * running sum over-counts (64 bytes per record beyond its payload, the current cycle file with
   * its pre-allocated block), so measuring late only ever admits less, and {@link #usedBytes} is at
   * most 16 MiB high; near the budget it is measured as often as before. Measuring lists the queue
   * directory: after every 100 KB request, it was a twentieth of the receivers' CPU.
   */
  private long remeasureAfter() {
    return Math.max(MIN_REMEASURE_BYTES, Math.min(MAX_REMEASURE_BYTES, (maxBytes - measured) / 16));
  }

  private boolean fits(long bytes) {
    long used = measured + appendedSinceMeasure + bytes;
    return used <= maxBytes && freeBytes.getAsLong() - bytes >= minFreeBytes;
  }

  private boolean dropOldest() {
    try {
      CycleRetention.Dropped dropped = retention.deleteOldest();
      if (dropped == null) {
        return false;
      }
      metrics.droppedOldest(dropped.contents());
      LOG.warn(
          "disk budget full: dropped oldest queue file {} holding {}",
          dropped.file().path().getFileName(),
          dropped.contents());
      return true;
    } catch (IOException e) {
      LOG.warn("disk budget full and the oldest queue file could not be deleted: {}", e.toString());
      return false;
    }
  }

  private void remeasure() {
    measuredAtFileChange = queue.fileChanges();
    measured = queue.diskBytes();
    appendedSinceMeasure = 0;
  }

  public synchronized long usedBytes() {
    return measured < 0 ? queue.diskBytes() : measured + appendedSinceMeasure;
  }

  private static long usableSpace(FileStore store) {
    try {
      return store.getUsableSpace();
    } catch (IOException e) {
      return 0;
    }
  }
}
