package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.DestinationConfig;
import io.k3j.telemetry.DestinationStatus;
import io.k3j.telemetry.internal.metrics.BufferMetrics;
import io.k3j.telemetry.internal.queue.AckedPositions;
import io.k3j.telemetry.internal.queue.DurableQueue;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the queue to one destination. All state lives on one single-threaded scheduler: read
 * batches after the acked index, keep up to {@code maxInFlight} requests outstanding, and advance
 * the acked index over the longest prefix of finished batches, so nothing is acked before the
 * destination accepted it (or it was dead-lettered). Retries wait with back-off; nothing gives up
 * unless {@code maxRetryTime} is set. {@link #close()} drains: it sends nothing new and waits for
 * the requests on the wire, so an answer that arrives while stopping is still acked and a stopped
 * forwarder leaves nothing behind that could be delivered again after a restart.
 */
public final class DestinationForwarder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DestinationForwarder.class);

  /** How long {@link #close()} waits for answers to the requests on the wire. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private final DestinationConfig config;
  private final DurableQueue queue;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final UpstreamClient client;
  private final DeadLetters deadLetters;
  private final BufferMetrics metrics;
  private final Backoff backoff;
  private final BatchReader reader;
  private final TreeMap<Long, Batch> window = new TreeMap<>();

  /** Last indexes of batches acked in memory whose acked index is not on disk yet. */
  private final ArrayDeque<Long> unpersisted = new ArrayDeque<>();

  private final AckWriter ackWriter;
  private final AtomicBoolean pumpQueued = new AtomicBoolean();
  private final Runnable onAppend = this::wake;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private int outstandingParts;
  private int awaitingAnswer;
  private boolean stopping;
  private int consecutiveFailures;
  private volatile long ackedIndex;
  private volatile boolean paused;
  private volatile String lastError = "";
  private volatile long oldestUnackedMillis = -1;

  public DestinationForwarder(
      DestinationConfig config,
      DurableQueue queue,
      AckedPositions positions,
      DeadLetters deadLetters,
      BufferMetrics metrics,
      ScheduledExecutorService scheduler,
      Clock clock,
      RandomGenerator random)
      throws IOException {
    this.config = config;
    this.queue = queue;
    this.scheduler = scheduler;
    this.clock = clock;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.client = UpstreamClient.forDestination(config, clock);
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), random);
    this.ackedIndex = positions.read(config.name());
    this.reader = new BatchReader(queue.cursorAfter(ackedIndex), config.maxBatchBytes());
    this.ackWriter =
        new AckWriter(
            positions,
            config.name(),
            index -> {
              try {
                scheduler.execute(() -> guarded(() -> persisted(index)));
              } catch (RejectedExecutionException e) {
                // stopped: nothing more is sent
              }
            });
    queue.onAppend(onAppend);
    scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  public String name() {
    return config.name();
  }

  public long ackedIndex() {
    return ackedIndex;
  }

  public DestinationConfig config() {
    return config;
  }

  public boolean paused() {
    return paused;
  }

  /** Milliseconds since the oldest unacked record was appended; 0 when caught up. */
  public long oldestUnackedAgeMillis() {
    long oldest = oldestUnackedMillis;
    return oldest < 0 ? 0 : Math.max(0, clock.millis() - oldest);
  }

  /** The status including the backlog, which reads record headers: not for every scrape. */
  public DestinationStatus status() {
    long acked = ackedIndex;
    return new DestinationStatus(
        config.name(),
        acked,
        paused,
        lastError,
        oldestUnackedAgeMillis(),
        oldestUnackedMillis,
        queue.payloadBytesAfter(acked));
  }

  /** Requests in this destination's dead-letter folder (-1 when the folder cannot be read). */
  public long deadLetterFiles() {
    try {
      return deadLetters.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Asks the scheduler to look for new records; cheap to call on every append. */
  public void wake() {
    if (pumpQueued.compareAndSet(false, true)) {
      try {
        scheduler.execute(
            () -> {
              pumpQueued.set(false);
              guarded(this::pump);
            });
      } catch (RejectedExecutionException e) {
        // stopped: the next forwarder for this destination reads from the acked index
      }
    }
  }

  /** Every second: looks for records, and keeps one spare batch buffer only when idle. */
  private void tick() {
    if (window.isEmpty()) {
      reader.trim();
    }
    wake();
  }

  /**
   * Runs a step on the scheduler; a bug in one step, or an {@link Error} (out of memory ...), is
   * logged and shown as the destination's last error instead of silently lost: the scheduler keeps
   * what its tasks throw in their futures, which nobody reads.
   */
  private void guarded(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error e) {
      LOG.error("forwarder {} step failed: {}", config.name(), e.toString(), e);
      lastError = e.toString();
    }
  }

  private void pump() {
    while (!paused && !stopping && outstandingParts + unpersisted.size() < config.maxInFlight()) {
      Batch batch = reader.next();
      if (batch == null) {
        break;
      }
      window.put(batch.firstIndex, batch);
      List<Part> parts = PartSplitter.toFit(batch.takePart(), config.maxBatchBytes());
      batch.outstandingParts = parts.size();
      parts.forEach(part -> send(batch, part));
    }
    updateOldest();
  }

  private void send(Batch batch, Part part) {
    outstandingParts++;
    attempt(batch, part);
  }

  private void attempt(Batch batch, Part part) {
    if (stopping) {
      return;
    }
    awaitingAnswer++;
    CompletableFuture<UpstreamAnswer> sent;
    try {
      sent = client.send(part);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(
        (answer, failure) ->
            scheduler.execute(
                () ->
                    guarded(
                        () ->
                            answered(
                                batch,
                                part,
                                failure != null
                                    ? new UpstreamAnswer(
                                        ResponseClassifier.transportFailure(failure),
                                        "no answer: " + failure)
                                    : answer))));
  }

  private void answered(Batch batch, Part part, UpstreamAnswer answer) {
    awaitingAnswer--;
    try {
      handle(batch, part, answer);
    } finally {
      completeDrainIfIdle();
    }
  }

  private void completeDrainIfIdle() {
    if (stopping && awaitingAnswer == 0) {
      drained.complete(null);
    }
  }

  private void handle(Batch batch, Part part, UpstreamAnswer answer) {
    Outcome outcome = answer.outcome();
    if (!(outcome instanceof Outcome.Delivered)) {
      batch.neverReuseBuffer();
    }
    if (outcome instanceof Outcome.Delivered delivered) {
      recovered();
      metrics.forwarded(
          config.name(), part.signal(), part.items() - delivered.rejected(), part.size());
      if (delivered.rejected() > 0) {
        metrics.rejected(config.name(), part.signal(), delivered.rejected());
        LOG.warn(
            "destination {} rejected {} {}: {}",
            config.name(),
            delivered.rejected(),
            part.signal().itemName(),
            delivered.message());
      }
      finished(batch);
    } else if (outcome instanceof Outcome.Retry retry) {
      retryLater(batch, part, retry, answer);
    } else if (outcome instanceof Outcome.Split split) {
      List<Part> halves = PartSplitter.halves(part);
      if (halves.isEmpty()) {
        deadLetter(batch, part, split.reason() + " for a single item", answer);
        return;
      }
      LOG.info(
          "destination {} answered {}, splitting the request in two",
          config.name(),
          split.reason());
      batch.outstandingParts += halves.size() - 1;
      outstandingParts--;
      halves.forEach(half -> send(batch, half));
    } else if (outcome instanceof Outcome.Pause pause) {
      if (!paused) {
        LOG.error("destination {} paused: {}", config.name(), pause.reason());
      }
      paused = true;
      lastError = pause.reason();
      scheduler.schedule(
          () -> guarded(() -> attempt(batch, part)),
          config.pauseRecheck().toMillis(),
          TimeUnit.MILLISECONDS);
    } else if (outcome instanceof Outcome.DeadLetter dead) {
      deadLetter(batch, part, dead.reason(), answer);
    }
  }

  private void retryLater(Batch batch, Part part, Outcome.Retry retry, UpstreamAnswer answer) {
    consecutiveFailures++;
    lastError = retry.reason();
    long now = clock.millis();
    if (batch.firstFailureMillis < 0) {
      batch.firstFailureMillis = now;
    }
    Duration maxRetry = config.maxRetryTime();
    if (!maxRetry.isZero() && now - batch.firstFailureMillis > maxRetry.toMillis()) {
      deadLetter(batch, part, "gave up retrying: " + retry.reason(), answer);
      return;
    }
    Duration delay = backoff.delay(consecutiveFailures, retry.serverHint());
    if (consecutiveFailures == 1) {
      LOG.warn("destination {} failed ({}), retrying with back-off", config.name(), retry.reason());
    }
    metrics.retried(config.name());
    scheduler.schedule(
        () -> guarded(() -> attempt(batch, part)), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void deadLetter(Batch batch, Part part, String reason, UpstreamAnswer answer) {
    lastError = reason;
    try {
      deadLetters.write(batch.firstIndex, part, reason, answer.transcript());
      metrics.deadLettered(config.name(), part.signal(), part.items());
      LOG.error(
          "destination {} refused {} {} for good ({}), moved to the dead-letter folder",
          config.name(),
          part.items(),
          part.signal().itemName(),
          reason);
      finished(batch);
    } catch (IOException e) {
      LOG.error("could not write dead letter for {}, will retry: {}", config.name(), e.toString());
      scheduler.schedule(() -> guarded(() -> attempt(batch, part)), 5, TimeUnit.SECONDS);
    }
  }

  private void recovered() {
    if (paused || consecutiveFailures > 0) {
      LOG.info("destination {} accepts data again", config.name());
    }
    paused = false;
    consecutiveFailures = 0;
  }

  private void finished(Batch batch) {
    outstandingParts--;
    batch.outstandingParts--;
    if (batch.done()) {
      byte[] buffer = batch.takeBuffer();
      if (buffer != null) {
        reader.recycle(buffer);
      }
    }
    long acked = ackedIndex;
    while (!window.isEmpty() && window.firstEntry().getValue().done()) {
      acked = window.pollFirstEntry().getValue().lastIndex;
      unpersisted.add(acked);
    }
    if (acked != ackedIndex) {
      ackedIndex = acked;
      ackWriter.offer(acked);
    }
    pump();
  }

  /**
   * The acked index is on disk up to {@code index}: those batches stop counting against {@code
   * max-in-flight}, which therefore still bounds what a crash can send twice.
   */
  private void persisted(long index) {
    while (!unpersisted.isEmpty() && unpersisted.peekFirst() <= index) {
      unpersisted.pollFirst();
    }
    pump();
  }

  private void updateOldest() {
    oldestUnackedMillis = window.isEmpty() ? -1 : window.firstEntry().getValue().appendedAtMillis;
  }

  /**
   * Stops sending, waits up to {@link #DRAIN_TIMEOUT} for the answers to the requests on the wire
   * (acking those delivered), then releases the reader and the scheduler. A request still
   * unanswered after that may reach the destination and is sent again after a restart.
   */
  @Override
  public void close() {
    queue.removeOnAppend(onAppend);
    try {
      scheduler.execute(
          () -> {
            stopping = true;
            completeDrainIfIdle();
          });
      drained.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn(
          "destination {}: requests still unanswered at stop, they are sent again after restart",
          config.name());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | RejectedExecutionException e) {
      LOG.debug("draining the requests of {} failed", config.name(), e);
    }
    try {
      scheduler.submit(reader::close).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("closing the reader of {} failed", config.name(), e);
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ackWriter.close();
    client.close();
  }
}
