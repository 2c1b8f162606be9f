package io.k3j.benchmarks;

import io.k3j.core.datastore.sqlite.SqliteBackend;
import io.k3j.core.datastore.sqlite.SqliteOptions;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How long compaction holds the writer: a store with a long history is compacted to its current
 * revision while one probe thread keeps writing; the probe's write latency during compaction is
 * compared with its latency just before, and the store's own step timer gives the longest step.
 */
final class CompactionPause {

  /** What one run measured. */
  record Result(
      long revisions,
      double rowsRemoved,
      long steps,
      double maxStepMillis,
      double compactionMillis,
      Latencies before,
      Latencies during) {}

  private static final int KEYS = 1_000;
  private static final int IN_FLIGHT = 64;

  private CompactionPause() {}

  static Result run(BenchmarkConfig config) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (ScratchDirectory dir = ScratchDirectory.create(config.dir(), "compaction");
        SqliteBackend store =
            SqliteBackend.open(
                SqliteOptions.builder(dir.resolve("state.db"))
                    .meters(meters)
                    .minHistory(Duration.ZERO, 0)
                    .compactInterval(Duration.ofDays(1))
                    .build())) {
      byte[] value = Values.random(config.valueBytes(), 7);
      fill(store, config.compactionRevisions(), value);
      Latencies before = probe(store, value, () -> {}, "before");
      long[] compactionNanos = new long[1];
      Latencies during =
          probe(
              store,
              value,
              () -> {
                long started = System.nanoTime();
                store.compact(store.currentRevision()).join();
                compactionNanos[0] = System.nanoTime() - started;
              },
              "during");
      Timer steps = meters.get("k3j.datastore.compaction.step").timer();
      return new Result(
          config.compactionRevisions(),
          meters.get("k3j.datastore.compaction.rows").counter().count(),
          steps.count(),
          steps.max(TimeUnit.MILLISECONDS),
          compactionNanos[0] / 1e6,
          before,
          during);
    }
  }

  /** Updates {@code KEYS} keys round-robin until the history has {@code revisions} revisions. */
  private static void fill(SqliteBackend store, long revisions, byte[] value) {
    for (int k = 0; k < KEYS; k++) {
      store.create("/compaction/" + k, value, 0).join();
    }
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (long i = KEYS; i < revisions; i++) {
      pending.add(store.update("/compaction/" + (i % KEYS), value, 0, 0));
      if (pending.size() == IN_FLIGHT) {
        pending.forEach(CompletableFuture::join);
        pending.clear();
      }
    }
    pending.forEach(CompletableFuture::join);
  }

  /**
   * Writes one key at a time from a probe thread while {@code work} runs on this thread (or for 2 s
   * when there is no work), returning the probe's ack latencies.
   */
  private static Latencies probe(SqliteBackend store, byte[] value, Runnable work, String name)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Samples samples = new Samples();
    Thread prober =
        new Thread(
            () -> {
              for (long n = 0; !stop.get(); n++) {
                long started = System.nanoTime();
                store.create("/probe/" + name + "/" + n, value, 0).join();
                samples.add(System.nanoTime() - started);
              }
            },
            "compaction-probe");
    prober.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    work.run();
    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
    if (remainingMillis > 0) {
      prober.join(remainingMillis); // the probe runs until stopped, so this waits the rest out
    }
    stop.set(true);
    prober.join();
    return Samples.merge(List.of(samples));
  }
}
