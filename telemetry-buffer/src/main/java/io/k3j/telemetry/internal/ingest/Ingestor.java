package io.k3j.telemetry.internal.ingest;

import io.k3j.telemetry.internal.metrics.BufferMetrics;
import io.k3j.telemetry.internal.otlp.OtlpError;
import io.k3j.telemetry.internal.otlp.OtlpErrorException;
import io.k3j.telemetry.internal.otlp.Signal;
import io.k3j.telemetry.internal.queue.DurableQueue;
import io.k3j.telemetry.internal.queue.QueueRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single path from a receiver into the queue, shared by HTTP and gRPC. The returned future
 * completes when the request may be acknowledged (appended, and fsynced in disk mode) or fails with
 * an {@link OtlpErrorException} the receiver turns into its protocol's answer.
 */
public final class Ingestor {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private final DurableQueue queue;
  private final DiskBudget budget;
  private final BufferMetrics metrics;
  private final Duration retryAfter;
  private final Clock clock;

  public Ingestor(
      DurableQueue queue,
      DiskBudget budget,
      BufferMetrics metrics,
      Duration retryAfter,
      Clock clock) {
    this.queue = queue;
    this.budget = budget;
    this.metrics = metrics;
    this.retryAfter = retryAfter;
    this.clock = clock;
  }

  /**
   * @param payload the request as binary protobuf
   * @param items spans, data points or log records in it; empty requests succeed unstored
   */
  public CompletableFuture<Void> ingest(Signal signal, byte[] payload, long items, boolean json) {
    metrics.received(signal, items, payload.length);
    if (items == 0) {
      return CompletableFuture.completedFuture(null);
    }
    if (!budget.admit(payload.length + 64L)) {
      metrics.refused(signal, "full", items);
      return CompletableFuture.failedFuture(
          new OtlpErrorException(
              OtlpError.unavailable("telemetry buffer is full, retry later", retryAfter)));
    }
    long index;
    try {
      index = queue.append(new QueueRecord(signal, json, clock.millis(), (int) items, payload));
    } catch (RuntimeException e) {
      LOG.warn("queue append failed: {}", e.toString());
      metrics.refused(signal, "queue_error", items);
      return CompletableFuture.failedFuture(
          new OtlpErrorException(OtlpError.unavailable("queue append failed", retryAfter)));
    }
    return queue
        .whenDurable(index)
        .handle(
            (ok, failure) -> {
              if (failure != null) {
                metrics.refused(signal, "sync_error", items);
                throw new OtlpErrorException(
                    OtlpError.unavailable("queue sync failed", retryAfter));
              }
              metrics.accepted(signal, items, payload.length);
              return null;
            });
  }
}
