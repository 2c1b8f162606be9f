package io.k3j.benchmarks.telemetry;

import io.k3j.benchmarks.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param childHeap {@code -Xmx} of the buffer process (the drain backlog should exceed it), or
 *     {@link #LAUNCHER_HEAP} for the heap {@code bin/k3j telemetry-buffer} gives it
 * @param childJvmFlags more JVM flags of the buffer process, e.g. to compare memory settings
 * @param dir where data directories go (must be a real disk for fsync to mean anything)
 * @param drainRollCycle the drain buffer's {@code roll-cycle}; {@code TEST_SECONDLY} spreads the
 *     backlog over many cycle files, as a long outage does, so that the cursor reads older files
 *     than the appender writes
 * @param cells which measurements run, a subset of {@link #CELLS}; e.g. only {@code drain} to
 *     compare the memory of two builds back to back
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
    List<String> childJvmFlags,
    Path dir,
    String drainRollCycle,
    Set<String> cells) {

  /** The measurements, in the order they run. */
  static final List<String> CELLS = List.of("disk", "ingest", "grpc", "latency", "drain");

  /** {@code child-heap} that passes no {@code -Xmx}: the launcher's own heap, as users run it. */
  static final String LAUNCHER_HEAP = "launcher";

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
    childJvmFlags = List.copyOf(childJvmFlags);
    cells = Set.copyOf(cells);
  }

  /** The buffer's heap as the report states it. */
  String heapText() {
    return childHeap.equals(LAUNCHER_HEAP) ? "the launcher's heap" : "-Xmx" + childHeap;
  }

  boolean runs(String cell) {
    return cells.contains(cell);
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
    d.put("child-heap", LAUNCHER_HEAP);
    d.put("child-jvm-flags", "");
    d.put("dir", System.getProperty("java.io.tmpdir"));
    d.put("drain-roll-cycle", "FIVE_MINUTELY");
    d.put("cells", String.join(",", CELLS));
    return d;
  }

  /** Defaults, then {@code --quick}, then {@code k3j.bench.*} system properties, then flags. */
  public static TelemetryBenchmarkConfig fromArgs(List<String> args) {
    return from(Settings.fromArgs(args, System.getProperties(), DEFAULTS, QUICK));
  }

  /** The defaults with {@code overrides} applied; unknown keys are an error. */
  public static TelemetryBenchmarkConfig fromMap(Map<String, String> overrides) {
    return from(Settings.of(DEFAULTS, overrides));
  }

  private static TelemetryBenchmarkConfig from(Settings v) {
    String heap = v.text("child-heap");
    if (!heap.equals(LAUNCHER_HEAP) && !heap.matches("[0-9]+[kmgKMG]?")) {
      throw new IllegalArgumentException(
          "child-heap=" + heap + " is not a -Xmx size like 64m or " + LAUNCHER_HEAP);
    }
    return new TelemetryBenchmarkConfig(
        v.duration("warmup", true),
        v.duration("duration", false),
        v.positiveInt("senders"),
        v.counts("latency-senders"),
        v.positiveInt("spans-per-request"),
        v.positiveInt("span-bytes"),
        v.positiveInt("backlog-mib"),
        v.positiveInt("disk-mib"),
        heap,
        v.text("child-jvm-flags").isBlank()
            ? List.of()
            : List.of(v.text("child-jvm-flags").trim().split("\\s+")),
        v.path("dir"),
        v.text("drain-roll-cycle"),
        v.subset("cells", CELLS));
  }
}
