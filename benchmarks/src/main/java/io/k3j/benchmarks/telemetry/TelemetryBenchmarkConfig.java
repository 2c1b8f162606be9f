package io.k3j.benchmarks.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one telemetry-buffer benchmark run, from {@code --key=value} flags over the {@code
 * --quick} preset over the defaults. A bad or unknown key stops the run with a message naming it.
 *
 * @param warmup unmeasured load before each ingest cell
 * @param duration measured time of each ingest cell
 * @param senders concurrent senders of the throughput cells
 * @param latencySenders sender counts of the acknowledgement-latency cells
 * @param spansPerRequest spans in every request
 * @param spanBytes approximate encoded size of one span
 * @param backlogMiB payload stored while the destination is down, then drained
 * @param diskMiB written with fdatasync to measure the disk's sequential bandwidth
 * @param childHeap {@code -Xmx} of the buffer process (the drain backlog should exceed it)
 * @param dir where data directories go (must be a real disk for fsync to mean anything)
 */
public record TelemetryBenchmarkConfig(
    Duration warmup,
    Duration duration,
    int senders,
    List<Integer> latencySenders,
    int spansPerRequest,
    int spanBytes,
    int backlogMiB,
    int diskMiB,
    String childHeap,
    Path dir) {

  static final Map<String, String> DEFAULTS = defaults();

  /** What {@code --quick} changes: a run of about a minute on an idle machine. */
  static final Map<String, String> QUICK =
      Map.of(
          "warmup", "500ms",
          "duration", "2s",
          "backlog-mib", "96",
          "disk-mib", "64");

  public TelemetryBenchmarkConfig {
    latencySenders = List.copyOf(latencySenders);
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("warmup", "2s");
    d.put("duration", "10s");
    d.put("senders", "16");
    d.put("latency-senders", "1,10,100");
    d.put("spans-per-request", "100");
    d.put("span-bytes", "1000");
    d.put("backlog-mib", "2048");
    d.put("disk-mib", "1024");
    d.put("child-heap", "64m");
    d.put("dir", System.getProperty("java.io.tmpdir"));
    return d;
  }

  /** Defaults, then {@code --quick}, then {@code --key=value} flags. */
  public static TelemetryBenchmarkConfig fromArgs(List<String> args) {
    Map<String, String> values = new LinkedHashMap<>();
    boolean quick = false;
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
  public static TelemetryBenchmarkConfig fromMap(Map<String, String> overrides) {
    for (String key : overrides.keySet()) {
      if (!DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown setting " + key + " (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
      }
    }
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    v.putAll(overrides);
    List<Integer> latencySenders = new ArrayList<>();
    for (String part : v.get("latency-senders").split(",")) {
      latencySenders.add(positive("latency-senders", part));
    }
    String heap = v.get("child-heap").trim();
    if (!heap.matches("[0-9]+[kmgKMG]?")) {
      throw new IllegalArgumentException("child-heap=" + heap + " is not a -Xmx size like 64m");
    }
    return new TelemetryBenchmarkConfig(
        duration("warmup", v.get("warmup")),
        duration("duration", v.get("duration")),
        positive("senders", v.get("senders")),
        latencySenders,
        positive("spans-per-request", v.get("spans-per-request")),
        positive("span-bytes", v.get("span-bytes")),
        positive("backlog-mib", v.get("backlog-mib")),
        positive("disk-mib", v.get("disk-mib")),
        heap,
        Path.of(v.get("dir")));
  }

  /** {@code 10s}, {@code 500ms} or {@code 2m}. */
  private static Duration duration(String key, String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (text.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s")) {
        d = Duration.ofMillis(Math.round(Double.parseDouble(text.replace("s", "")) * 1_000));
      } else if (text.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      } else {
        throw new NumberFormatException(text);
      }
      if (d.isNegative()) {
        throw new NumberFormatException(text);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + "=" + value + " is not a duration (examples: 10s, 500ms, 2m)", e);
    }
  }

  private static int positive(String key, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + "=" + value + " must be a positive integer");
  }
}
