package io.k3j.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    Map<String, String> values = new LinkedHashMap<>();
    boolean quick = false;
    for (String name : system.stringPropertyNames()) {
      if (name.startsWith("k3j.bench.")) {
        values.put(name.substring("k3j.bench.".length()), system.getProperty(name));
      }
    }
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
        continue;
      }
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("unknown argument " + arg + " (expected --key=value)");
      }
      values.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    Map<String, String> merged = new LinkedHashMap<>(quick ? QUICK : Map.of());
    merged.putAll(values);
    return fromMap(merged);
  }

  /** The defaults with {@code overrides} applied; unknown keys are an error. */
  public static BenchmarkConfig fromMap(Map<String, String> overrides) {
    for (String key : overrides.keySet()) {
      if (!DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown setting " + key + " (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
      }
    }
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    v.putAll(overrides);
    return new BenchmarkConfig(
        duration(v, "warmup", true),
        duration(v, "duration", false),
        counts(v, "writers"),
        positive(v, "value-bytes"),
        positive(v, "watchers"),
        positive(v, "watch-writes"),
        positive(v, "list-keys"),
        positive(v, "list-runs"),
        positive(v, "page-limit"),
        positive(v, "compaction-revisions"),
        duration(v, "settle", false),
        duration(v, "idle", false),
        Path.of(v.get("dir")));
  }

  /** {@code 10s}, {@code 500ms}, {@code 2m}, or an ISO-8601 duration such as {@code PT10S}. */
  private static Duration duration(Map<String, String> v, String key, boolean zeroAllowed) {
    String text = v.get(key).trim().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (text.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s") && !text.startsWith("p")) {
        d = Duration.ofMillis(Math.round(Double.parseDouble(text.replace("s", "")) * 1_000));
      } else if (text.endsWith("m") && !text.startsWith("p")) {
        d = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
      } else {
        d = Duration.parse(text.toUpperCase(Locale.ROOT));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          key + "=" + v.get(key) + " is not a duration (examples: 10s, 500ms, 2m)", e);
    }
    if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
      throw new IllegalArgumentException(key + "=" + v.get(key) + " must be positive");
    }
    return d;
  }

  private static int positive(Map<String, String> v, String key) {
    try {
      int n = Integer.parseInt(v.get(key).trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + "=" + v.get(key) + " must be a positive integer");
  }

  private static List<Integer> counts(Map<String, String> v, String key) {
    List<Integer> result = new ArrayList<>();
    for (String part : v.get(key).split(",")) {
      result.add(positive(Map.of(key, part), key));
    }
    return result;
  }
}
