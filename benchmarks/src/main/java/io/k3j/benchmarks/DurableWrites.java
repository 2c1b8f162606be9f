package io.k3j.benchmarks;

import io.k3j.core.datastore.sqlite.SqliteBackend;
import io.k3j.core.datastore.sqlite.SqliteOptions;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * k3j's datastore with its default, durable options ({@code sync=FULL}): every writer thread issues
 * a write, waits for its future, and issues the next. Each cell gets a fresh database.
 */
final class DurableWrites {

  /** A cell's throughput and the mean number of writes the writer committed together. */
  record Cell(Throughput throughput, double meanGroupSize) {}

  private DurableWrites() {}

  /** Creates of new keys, one key prefix per thread. */
  static Cell creates(BenchmarkConfig config, int writers) throws Exception {
    byte[] value = Values.random(config.valueBytes(), 1);
    return measure(
        config,
        "creates-" + writers,
        writers,
        store ->
            thread -> {
              String prefix = "/registry/bench/t" + thread + "/";
              return seq -> store.create(prefix + seq, value, 0).join();
            });
  }

  /**
   * Updates of one key per thread, each naming the revision it expects (compare-and-swap, as the
   * API server does), so no two threads conflict.
   */
  static Cell updates(BenchmarkConfig config, int writers) throws Exception {
    byte[] value = Values.random(config.valueBytes(), 2);
    return measure(
        config,
        "updates-" + writers,
        writers,
        store ->
            thread -> {
              String key = "/registry/bench/t" + thread;
              long[] revision = {store.create(key, value, 0).join().modRevision()};
              return seq ->
                  revision[0] = store.update(key, value, revision[0], 0).join().modRevision();
            });
  }

  private interface Load {
    LoadRun.OperationFactory on(SqliteBackend store);
  }

  private static Cell measure(BenchmarkConfig config, String name, int writers, Load load)
      throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (ScratchDirectory dir = ScratchDirectory.create(config.dir(), name);
        SqliteBackend store =
            SqliteBackend.open(
                SqliteOptions.builder(dir.resolve("state.db")).meters(meters).build())) {
      Throughput throughput =
          LoadRun.run(writers, config.warmup(), config.duration(), load.on(store));
      DistributionSummary groups = meters.find("k3j.datastore.commit.group.size").summary();
      return new Cell(throughput, groups == null ? 0 : groups.mean());
    }
  }
}
