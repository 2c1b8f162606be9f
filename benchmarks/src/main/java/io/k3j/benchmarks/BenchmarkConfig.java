package io.k3j.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of one datastore benchmark run, from {@code --key=value} flags, {@code
 * -Dk3j.bench.key=value} system properties and the {@code --quick} preset, in one place. A bad
 * value stops the run with a message naming the key.
 *
 * @param warmup unmeasured load before each throughput cell
 * @param duration measured time of each throughput cell
 * @param writers the writer thread counts, one throughput cell each
 * @param valueBytes size of every value written
 * @param watchers watches on the one prefix of the watch test
 * @param watchWrites measured writes of the watch test (one tenth more run first as warm-up)
 * @param listKeys keys in the list test
 * @param listRuns measured repetitions of each list
 * @param pageLimit page size of the paginated list
 * @param compactionRevisions history written before the compaction-pause test compacts it all
 * @param settle longest wait for the WAL to be truncated before the idle measurement
 * @param idle length of the idle measurement
 * @param dir where the temporary databases go (must be a real disk for fsync to mean anything)
 */
public record BenchmarkConfig(
    Duration warmup,
    Duration duration,
    List<Integer> writers,
    int valueBytes,
    int watchers,
    int watchWrites,
    int listKeys,
    int listRuns,
    int pageLimit,
    int compactionRevisions,
    Duration settle,
    Duration idle,
    Path dir) {

  /** The keys {@link #fromMap} understands, with their defaults. */
  static final Map<String, String> DEFAULTS = defaults();

  /** What {@code --quick} changes: a run of about a minute and a half. */
  static final Map<String, String> QUICK =
      Map.of(
          "warmup", "500ms",
          "duration", "2s",
          "watch-writes", "300",
          "list-runs", "5",
          "compaction-revisions", "50000",
          "idle", "10s");

  public BenchmarkConfig {
    writers = List.copyOf(writers);
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("warmup", "2s");
    d.put("duration", "10s");
    d.put("writers", "1,16,64");
    d.put("value-bytes", "256");
    d.put("watchers", "100");
    d.put("watch-writes", "2000");
    d.put("list-keys", "10000");
    d.put("list-runs", "20");
    d.put("page-limit", "500");
    d.put("compaction-revisions", "200000");
    d.put("settle", "10s");
    d.put("idle", "60s");
    d.put("dir", System.getProperty("java.io.tmpdir"));
    return d;
  }

  /**
   * Defaults, then {@code --quick}, then {@code k3j.bench.*} system properties, then flags.
   *
   * @throws IllegalArgumentException naming the flag or key that is wrong
   */
  public static BenchmarkConfig fromArgs(List<String> args, Properties system) {
    return from(Settings.fromArgs(args, system, DEFAULTS, QUICK));
  }

  /** The defaults with {@code overrides} applied; unknown keys are an error. */
  public static BenchmarkConfig fromMap(Map<String, String> overrides) {
    return from(Settings.of(DEFAULTS, overrides));
  }

  private static BenchmarkConfig from(Settings v) {
    return new BenchmarkConfig(
        v.duration("warmup", true),
        v.duration("duration", false),
        v.counts("writers"),
        v.positiveInt("value-bytes"),
        v.positiveInt("watchers"),
        v.positiveInt("watch-writes"),
        v.positiveInt("list-keys"),
        v.positiveInt("list-runs"),
        v.positiveInt("page-limit"),
        v.positiveInt("compaction-revisions"),
        v.duration("settle", false),
        v.duration("idle", false),
        v.path("dir"));
  }
}
