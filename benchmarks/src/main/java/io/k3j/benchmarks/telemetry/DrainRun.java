package io.k3j.benchmarks.telemetry;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a backlog while the destination is down (connections refused), then starts the destination
 * and times how long the buffer takes to deliver all of it. The buffer's RSS is sampled every 100
 * ms throughout; its heap is meant to be smaller than the backlog.
 */
final class DrainRun {

  /** What the run measured. */
  record Result(
      long backlogBytes,
      double ingestSeconds,
      double drainSeconds,
      Resident whileGrowing,
      Resident whileDraining) {

    double drainBytesPerSecond() {
      return backlogBytes / drainSeconds;
    }
  }

  private static final int SENDERS = 8;
  private static final long STALL_NANOS = 60_000_000_000L;

  private DrainRun() {}

  static Result run(TelemetryBenchmarkConfig config, SpanPayload payload, Path dataDir)
      throws Exception {
    int sinkPort = BufferProcess.freePort();
    long backlogTarget = (long) config.backlogMiB() << 20;
    List<String> settings =
        List.of(
            "--endpoint=http://127.0.0.1:" + sinkPort + "/",
            "--durability=process",
            "--max-disk=" + (2 * config.backlogMiB() + 512) + "MiB",
            "--set=min-free-disk=64MiB",
            "--set=roll-cycle=" + config.drainRollCycle(),
            "--set=destination.upstream-1.compression=none",
            "--set=destination.upstream-1.max-in-flight=8",
            "--set=destination.upstream-1.initial-backoff-ms=50",
            "--set=destination.upstream-1.max-backoff-ms=200");
    try (BufferProcess buffer =
            BufferProcess.start(config.childHeap(), config.childJvmFlags(), dataDir, settings);
        RssSampler rss = new RssSampler(buffer)) {
      long started = System.nanoTime();
      long requests = fill(buffer, payload, backlogTarget);
      double ingestSeconds = (System.nanoTime() - started) / 1e9;
      long backlog = requests * payload.protobuf().length;
      Resident growing = rss.max();
      rss.reset();
      long drainStart = System.nanoTime();
      try (DiscardingSink sink = new DiscardingSink(sinkPort)) {
        long seen = -1;
        long progressAt = System.nanoTime();
        while (sink.bytes() < backlog) {
          if (sink.bytes() != seen) {
            seen = sink.bytes();
            progressAt = System.nanoTime();
          } else if (System.nanoTime() - progressAt > STALL_NANOS) {
            throw new IllegalStateException(
                "drain stalled at " + seen + " of " + backlog + " bytes; see " + dataDir);
          }
          Thread.sleep(20);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        return new Result(backlog, ingestSeconds, drainSeconds, growing, rss.max());
      }
    }
  }

  /** Posts from {@link #SENDERS} senders until the target is stored; returns requests stored. */
  private static long fill(BufferProcess buffer, SpanPayload payload, long targetBytes)
      throws Exception {
    long targetRequests = Math.max(1, targetBytes / payload.protobuf().length);
    AtomicLong stored = new AtomicLong();
    AtomicLong claimed = new AtomicLong();
    Thread[] threads = new Thread[SENDERS];
    Exception[] failure = new Exception[1];
    for (int s = 0; s < SENDERS; s++) {
      OtlpSender sender = new OtlpSender(buffer.httpPort, payload.protobuf(), false);
      threads[s] =
          new Thread(
              () -> {
                try (sender) {
                  while (claimed.incrementAndGet() <= targetRequests) {
                    int status = sender.post();
                    if (status != 200) {
                      throw new IllegalStateException("buffer answered " + status);
                    }
                    stored.incrementAndGet();
                  }
                } catch (Exception e) {
                  failure[0] = e;
                }
              });
      threads[s].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return stored.get();
  }

  /** Largest resident memory seen: all of it, and the anonymous part (no file mappings). */
  record Resident(long rss, long anonymous) {}

  /** Samples the buffer's resident memory every 100 ms on a daemon thread, keeping the maxima. */
  private static final class RssSampler implements AutoCloseable {
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong maxAnonymous = new AtomicLong();
    private final Thread thread;

    RssSampler(BufferProcess buffer) {
      thread =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  max.accumulateAndGet(buffer.residentBytes("VmRSS"), Math::max);
                  maxAnonymous.accumulateAndGet(buffer.residentBytes("RssAnon"), Math::max);
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-rss");
      thread.setDaemon(true);
      thread.start();
    }

    Resident max() {
      return new Resident(max.get(), maxAnonymous.get());
    }

    void reset() {
      max.set(0);
      maxAnonymous.set(0);
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join();
    }
  }
}
