package io.k3j.core.datastore.sqlite;

import io.k3j.core.datastore.ConflictException;
import io.k3j.core.datastore.KeyExistsException;
import io.k3j.core.datastore.KeyNotFoundException;
import io.k3j.core.datastore.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Meters for the writer: writes by outcome, commit time, group size, revisions. */
final class WriterMetrics {
  private final MeterRegistry registry;
  private final Timer commit;
  private final DistributionSummary groupSize;
  private final Counter compactedRows;
  private final Map<String, Counter> writes = new HashMap<>(); // by op/result
  private final Timer compactionStep;

  WriterMetrics(MeterRegistry registry, Writer writer) {
    this.registry = registry;
    commit =
        Timer.builder("k3j.datastore.commit")
            .description("time to apply and commit one group of writes")
            .register(registry);
    groupSize =
        DistributionSummary.builder("k3j.datastore.commit.group.size")
            .description("writes committed together")
            .register(registry);
    compactedRows =
        Counter.builder("k3j.datastore.compaction.rows")
            .description("history rows removed by compaction")
            .register(registry);
    compactionStep =
        Timer.builder("k3j.datastore.compaction.step")
            .description("time one compaction step held the writer")
            .register(registry);
    Gauge.builder("k3j.datastore.revision", writer, Writer::committedRevision).register(registry);
    Gauge.builder("k3j.datastore.compact.revision", writer, Writer::compactRevision)
        .register(registry);
  }

  void committed(Mutation[] mutations, Object[] outcomes, long nanos) {
    commit.record(nanos, TimeUnit.NANOSECONDS);
    groupSize.record(mutations.length);
    for (int i = 0; i < mutations.length; i++) {
      count(mutations[i], result(outcomes[i]));
    }
  }

  void failed(int writes) {
    Counter.builder("k3j.datastore.writes")
        .tag("op", "any")
        .tag("result", "error")
        .register(registry)
        .increment(writes);
  }

  void compacted(int rows, long nanos) {
    compactedRows.increment(rows);
    compactionStep.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Called on the writer thread only, so the cache needs no locking. */
  private void count(Mutation m, String result) {
    String op = m.expiry() ? "expire" : m.kind().name().toLowerCase(Locale.ROOT);
    writes
        .computeIfAbsent(
            op + "/" + result,
            k ->
                Counter.builder("k3j.datastore.writes")
                    .tag("op", op)
                    .tag("result", result)
                    .register(registry))
        .increment();
  }

  private static String result(Object outcome) {
    if (outcome instanceof KeyValue) {
      return "ok";
    }
    if (outcome instanceof ConflictException) {
      return "conflict";
    }
    if (outcome instanceof KeyExistsException) {
      return "exists";
    }
    return outcome instanceof KeyNotFoundException ? "not-found" : "error";
  }
}
