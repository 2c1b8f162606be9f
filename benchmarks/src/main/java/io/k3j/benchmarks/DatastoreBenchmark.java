package io.k3j.benchmarks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The datastore load harness for issue 2: durable write throughput against naive SQLite, watch
 * latency, list latency and idle disk writes, in one run, printed as a Markdown table. Run it with
 * {@code benchmarks/run datastore [--quick] [--key=value...]}; {@code --help} lists the keys.
 */
public final class DatastoreBenchmark {
  static final double TARGET_WRITES_PER_SECOND = 5_000;
  static final double TARGET_RATIO = 10;
  static final double TARGET_WATCH_P99_MILLIS = 2;
  static final int TARGET_WRITERS = 64;

  private DatastoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.println("usage: benchmarks/run datastore [--quick] [--key=value...]");
      System.out.println("keys (also -Dk3j.bench.<key>=value), with their defaults:");
      BenchmarkConfig.DEFAULTS.forEach((k, v) -> System.out.println("  --" + k + "=" + v));
      System.out.println("--quick sets " + BenchmarkConfig.QUICK);
      return;
    }
    BenchmarkConfig config;
    try {
      config = BenchmarkConfig.fromArgs(List.of(args), System.getProperties());
    } catch (IllegalArgumentException e) {
      System.err.println("datastore benchmark: " + e.getMessage());
      System.exit(2);
      return;
    }
    String loadBefore = Machine.loadAverage();
    Instant started = Instant.now();
    Report report = run(config, message -> System.err.println("[bench] " + message));
    System.out.println("Run " + started + " on " + Machine.describe(config.dir()) + ".");
    System.out.println(
        String.format(
            Locale.ROOT,
            "Throughput cells: %s s after %s s warm-up. Load average before %s, after %s.",
            config.duration().toMillis() / 1e3,
            config.warmup().toMillis() / 1e3,
            loadBefore,
            Machine.loadAverage()));
    System.out.println();
    System.out.print(report.markdown());
  }

  /** Runs every measurement in turn; {@code progress} hears what is running. */
  public static Report run(BenchmarkConfig config, Consumer<String> progress) throws Exception {
    Report report = new Report();
    writeThroughput(config, report, progress);
    watchLatency(config, report, progress);
    listLatency(config, report, progress);
    compactionPause(config, report, progress);
    idleDiskWrites(config, report, progress);
    return report;
  }

  private static void writeThroughput(
      BenchmarkConfig config, Report report, Consumer<String> progress) throws Exception {
    Map<Integer, DurableWrites.Cell> creates = new LinkedHashMap<>();
    Map<Integer, DurableWrites.Cell> updates = new LinkedHashMap<>();
    Map<Integer, NaiveSqlite.Cell> naive = new LinkedHashMap<>();
    for (int writers : config.writers()) {
      progress.accept("durable creates, " + writers + " writers");
      creates.put(writers, DurableWrites.creates(config, writers));
      progress.accept("durable updates, " + writers + " writers");
      updates.put(writers, DurableWrites.updates(config, writers));
      progress.accept("naive SQLite inserts, " + writers + " writers");
      naive.put(writers, NaiveSqlite.inserts(config, writers));
    }
    report.footnote(
        "k3j: default SqliteOptions (WAL, synchronous=FULL, group commit); each writer thread"
            + " submits one write and waits for its future; creates of new keys, updates"
            + " compare-and-swap one key per thread; "
            + config.valueBytes()
            + "-byte values; a fresh database per cell. Updates are compared with naive inserts.");
    naive.values().forEach(cell -> report.footnote(naiveSettings(cell)));
    creates.forEach((writers, cell) -> report.add(writeRow("creates", writers, cell, naive)));
    updates.forEach((writers, cell) -> report.add(writeRow("updates", writers, cell, naive)));
  }

  private static Report.Row writeRow(
      String kind, int writers, DurableWrites.Cell cell, Map<Integer, NaiveSqlite.Cell> naive) {
    Throughput ours = cell.throughput();
    NaiveSqlite.Cell base = naive.get(writers);
    Throughput theirs = base.throughput();
    double ratio = ours.perSecond() / theirs.perSecond();
    boolean targeted = writers == TARGET_WRITERS;
    String notes =
        String.format(
            Locale.ROOT,
            "%,d writes, ack p50 %s, p99 %s, %.1f writes per commit; naive: %,d writes, ack p50"
                + " %s, p99 %s, %d of %d threads completed a write",
            ours.ops(),
            Report.millis(ours.latency().p50Millis()),
            Report.millis(ours.latency().p99Millis()),
            cell.meanGroupSize(),
            theirs.ops(),
            Report.millis(theirs.latency().p50Millis()),
            Report.millis(theirs.latency().p99Millis()),
            theirs.threadsProgressed(),
            theirs.threads());
    notes += errors("k3j", ours) + errors("naive", theirs);
    return new Report.Row(
        "Durable " + kind + ", " + writers + (writers == 1 ? " writer" : " writers"),
        ours.perSecond(),
        "/s",
        theirs.perSecond(),
        targeted ? "≥ 5,000/s and ≥ 10× naive" : null,
        targeted ? ours.perSecond() >= TARGET_WRITES_PER_SECOND && ratio >= TARGET_RATIO : null,
        notes);
  }

  private static String naiveSettings(NaiveSqlite.Cell cell) {
    return "Naive SQLite: sqlite-jdbc, one connection per thread, autocommit (one INSERT per"
        + " transaction), journal_mode="
        + cell.journalMode()
        + ", synchronous="
        + cell.synchronous()
        + (cell.synchronous() == 2 ? " (FULL)" : "")
        + ", busy_timeout="
        + NaiveSqlite.BUSY_TIMEOUT_MILLIS
        + " ms; a fresh database per cell.";
  }

  private static String errors(String who, Throughput t) {
    return t.errors() == 0
        ? ""
        : "; " + who + " errors: " + t.errors() + " (" + t.firstError() + ")";
  }

  private static void compactionPause(
      BenchmarkConfig config, Report report, Consumer<String> progress) throws Exception {
    progress.accept("compaction of " + config.compactionRevisions() + " revisions under writes");
    CompactionPause.Result r = CompactionPause.run(config);
    report.add(
        new Report.Row(
            "Compaction: longest step holding the writer",
            r.maxStepMillis(),
            "ms",
            null,
            "≤ ~50 ms",
            r.maxStepMillis() <= 50,
            String.format(
                Locale.ROOT,
                "%,d revisions over 1,000 keys compacted to the current revision in %,.0f ms:"
                    + " %,.0f rows removed in %,d steps",
                r.revisions(),
                r.compactionMillis(),
                r.rowsRemoved(),
                r.steps())));
    report.add(
        new Report.Row(
            "Compaction: a writer's ack p99 during compaction",
            r.during().p99Millis(),
            "ms",
            null,
            null,
            null,
            "one probe thread writing one key at a time; max "
                + Report.millis(r.during().maxMillis())
                + " during, p99 "
                + Report.millis(r.before().p99Millis())
                + " and max "
                + Report.millis(r.before().maxMillis())
                + " in the 2 s before"));
  }

  private static void watchLatency(BenchmarkConfig config, Report report, Consumer<String> progress)
      throws Exception {
    progress.accept("watch latency, " + config.watchers() + " watchers");
    WatchLatency.Result r = WatchLatency.run(config);
    report.footnote(
        "Watch: one writer creates keys under the watched prefix one at a time (durable), the"
            + " value carrying the System.nanoTime() of submission; each watch notes"
            + " System.nanoTime() when onEvents is called. submit → delivery includes the fsync;"
            + " delivery − ack subtracts the moment the write's future completed; the store hands"
            + " the futures to its completion thread just before publishing to the watches.");
    String watchers = config.watchers() + " watchers";
    String samples = r.writes() + " writes × " + watchers;
    report.add(
        new Report.Row(
            "Watch: submit → delivery, p50 (" + watchers + ")",
            r.delivery().p50Millis(),
            "ms",
            null,
            null,
            null,
            samples + "; includes the write's queueing and fsync"));
    report.add(
        new Report.Row(
            "Watch: submit → delivery, p99 (" + watchers + ")",
            r.delivery().p99Millis(),
            "ms",
            null,
            null,
            null,
            "upper bound of commit → watch; last of the watchers to get a write: p50 "
                + Report.millis(r.lastWatcher().p50Millis())
                + ", p99 "
                + Report.millis(r.lastWatcher().p99Millis())));
    report.add(
        new Report.Row(
            "Watch: write submit → ack, p50",
            r.ack().p50Millis(),
            "ms",
            null,
            null,
            null,
            "the same writes, one at a time; ack = the future's completion callback"));
    report.add(
        new Report.Row(
            "Watch: write submit → ack, p99",
            r.ack().p99Millis(),
            "ms",
            null,
            null,
            null,
            "max " + Report.millis(r.ack().maxMillis())));
    report.add(
        new Report.Row(
            "Watch: delivery − ack, p50 (≈ commit → watch)",
            r.afterAck().p50Millis(),
            "ms",
            null,
            null,
            null,
            "negative: the watch had the event before the writer's future completed"));
    report.add(
        new Report.Row(
            "Watch: delivery − ack, p99 (≈ commit → watch)",
            r.afterAck().p99Millis(),
            "ms",
            null,
            "p99 ≤ 2 ms",
            r.afterAck().p99Millis() <= TARGET_WATCH_P99_MILLIS,
            "max " + Report.millis(r.afterAck().maxMillis())));
  }

  private static void listLatency(BenchmarkConfig config, Report report, Consumer<String> progress)
      throws Exception {
    progress.accept("list of " + config.listKeys() + " keys");
    ListLatency.Result r = ListLatency.run(config);
    String keys = String.format(Locale.ROOT, "%,d keys", r.keys());
    report.add(
        new Report.Row(
            "List " + keys + ", one call, p50",
            r.full().p50Millis(),
            "ms",
            null,
            null,
            null,
            "p99 " + Report.millis(r.full().p99Millis()) + " over " + r.full().count() + " runs"));
    report.add(
        new Report.Row(
            "List " + keys + ", pages of " + config.pageLimit() + ", p50",
            r.paged().p50Millis(),
            "ms",
            null,
            null,
            null,
            "all "
                + r.pages()
                + " pages in turn; p99 "
                + Report.millis(r.paged().p99Millis())
                + " over "
                + r.paged().count()
                + " runs"));
  }

  private static void idleDiskWrites(
      BenchmarkConfig config, Report report, Consumer<String> progress) throws Exception {
    progress.accept("idle disk writes over " + config.idle().toSeconds() + " s");
    if (!ProcessIo.available()) {
      report.add(
          new Report.Row(
              "Disk writes per idle minute", -1, "B", null, "0 B", null, "no /proc/self/io"));
      return;
    }
    IdleDiskWrites.Result r = IdleDiskWrites.run(config);
    report.add(
        new Report.Row(
            "Disk writes per idle minute",
            r.writeBytesPerMinute(),
            "B",
            null,
            "0 B",
            r.io().writeBytes() == 0,
            String.format(
                Locale.ROOT,
                "/proc/self/io write_bytes over %s s idle, scaled to a minute; WAL was %d bytes"
                    + " when it began; write(2) bytes meanwhile: %d",
                r.idle().toMillis() / 1e3,
                r.walBytesBefore(),
                r.io().writeCalls())));
    report.add(
        new Report.Row(
            "Datastore files changed while idle",
            r.changedFiles().size(),
            "files",
            null,
            "0",
            r.changedFiles().isEmpty(),
            r.changedFiles().isEmpty()
                ? "size and mtime of state.db, -wal, -shm, .lock unchanged"
                : String.join(", ", r.changedFiles())));
  }
}
