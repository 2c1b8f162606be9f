package io.k3j.benchmarks;

import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.ListResult;
import io.k3j.core.datastore.sqlite.SqliteBackend;
import io.k3j.core.datastore.sqlite.SqliteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Time to list every key under a prefix holding {@code listKeys} keys, in one call and in pages of
 * {@code pageLimit} following the continue tokens. A few unmeasured lists run first.
 */
final class ListLatency {
  private static final String PREFIX = "/registry/listed/";
  private static final int WARMUP_RUNS = 2;
  private static final int SUBMIT_CHUNK = 1_000;

  /**
   * @param full one list of every key, per run
   * @param paged all pages one after another, per run
   * @param pages pages a paginated run took
   */
  record Result(Latencies full, Latencies paged, int pages, int keys) {}

  private ListLatency() {}

  static Result run(BenchmarkConfig config) throws Exception {
    try (ScratchDirectory dir = ScratchDirectory.create(config.dir(), "list");
        SqliteBackend store = SqliteBackend.open(SqliteOptions.defaults(dir.resolve("state.db")))) {
      fill(store, config.listKeys(), Values.random(config.valueBytes(), 5));
      // A key just outside the prefix on either side, so the range bounds are exercised.
      store.create("/registry/listec", new byte[1], 0).join();
      store.create("/registry/listee", new byte[1], 0).join();
      long[] full = new long[config.listRuns()];
      long[] paged = new long[config.listRuns()];
      int pages = 0;
      for (int run = -WARMUP_RUNS; run < config.listRuns(); run++) {
        long started = System.nanoTime();
        expect(store.list(PREFIX, 0, 0, null).items().size(), config.listKeys());
        long between = System.nanoTime();
        pages = listPaged(store, config.pageLimit(), config.listKeys());
        long ended = System.nanoTime();
        if (run >= 0) {
          full[run] = between - started;
          paged[run] = ended - between;
        }
      }
      return new Result(Latencies.of(full), Latencies.of(paged), pages, config.listKeys());
    }
  }

  private static void fill(SqliteBackend store, int keys, byte[] value) {
    for (int from = 0; from < keys; from += SUBMIT_CHUNK) {
      List<CompletableFuture<KeyValue>> writes = new ArrayList<>();
      for (int i = from; i < Math.min(keys, from + SUBMIT_CHUNK); i++) {
        writes.add(store.create(PREFIX + String.format("%08d", i), value, 0));
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }
  }

  private static int listPaged(SqliteBackend store, int limit, int expected) {
    int pages = 0;
    int items = 0;
    String token = null;
    do {
      ListResult page = store.list(PREFIX, 0, limit, token);
      items += page.items().size();
      token = page.continueToken();
      pages++;
    } while (token != null);
    expect(items, expected);
    return pages;
  }

  private static void expect(int listed, int expected) {
    if (listed != expected) {
      throw new IllegalStateException("listed " + listed + " keys, expected " + expected);
    }
  }
}
