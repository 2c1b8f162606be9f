package io.k3j.benchmarks.telemetry;

import io.k3j.benchmarks.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The telemetry-buffer load harness for issue 6: ingest spans/s and MB/s per core with durable
 * acknowledgements and without, gzip on and off; acknowledgement latency at several sender counts;
 * drain rate of a backlog bigger than the buffer's heap and its RSS meanwhile; and the disk's own
 * fdatasync bandwidth as the physical limit. The buffer runs as a child JVM ({@link
 * BufferProcess}). Run it with {@code benchmarks/run telemetry [--quick] [--key=value...]}.
 */
public final class TelemetryBenchmark {
  static final double TARGET_SPANS_PER_CORE = 100_000;
  static final double TARGET_DRAIN_BYTES_PER_SECOND = 100e6;
  static final long TARGET_RSS_BYTES = 128L << 20;

  private TelemetryBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.println("usage: benchmarks/run telemetry [--quick] [--key=value...]");
      System.out.println("keys, with their defaults:");
      TelemetryBenchmarkConfig.DEFAULTS.forEach((k, v) -> System.out.println("  --" + k + "=" + v));
      System.out.println("--quick sets " + TelemetryBenchmarkConfig.QUICK);
      return;
    }
    TelemetryBenchmarkConfig config;
    try {
      config = TelemetryBenchmarkConfig.fromArgs(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("telemetry benchmark: " + e.getMessage());
      System.exit(2);
      return;
    }
    String loadBefore = Machine.loadAverage();
    Instant started = Instant.now();
    TelemetryReport report = run(config, message -> System.err.println("[bench] " + message));
    System.out.println(
        "Run "
            + started
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, Java "
            + System.getProperty("java.version")
            + ", data in "
            + config.dir().toAbsolutePath()
            + " ("
            + Files.getFileStore(config.dir()).type()
            + "). Load average before "
            + loadBefore
            + ", after "
            + Machine.loadAverage()
            + ".");
    System.out.println();
    System.out.print(report.markdown());
  }

  /** Runs every measurement in turn; {@code progress} hears what is running. */
  public static TelemetryReport run(TelemetryBenchmarkConfig config, Consumer<String> progress)
      throws Exception {
    Files.createDirectories(config.dir());
    SpanPayload payload = SpanPayload.of(config.spansPerRequest(), config.spanBytes());
    TelemetryReport report = new TelemetryReport();
    report.footnote(
        String.format(
            Locale.ROOT,
            "Requests: %d spans, %,d bytes as protobuf (%,d bytes per span), %,d gzipped; posted"
                + " over kept-alive HTTP/1.1 by closed-loop senders (the gRPC cells: grpc-java, one"
                + " channel per sender, gzip by grpc-java); the buffer runs in its own JVM"
                + " (%s, serial GC%s) and per core means per CPU-second the buffer process used"
                + " in the window (user + system); MB/s counts protobuf bytes.",
            payload.spans(),
            payload.protobuf().length,
            payload.protobuf().length / payload.spans(),
            payload.gzipped().length,
            config.heapText(),
            config.childJvmFlags().isEmpty()
                ? ""
                : ", " + String.join(" ", config.childJvmFlags())));
    double disk = Double.NaN;
    if (config.runs("disk")) {
      progress.accept("disk bandwidth with fdatasync, " + config.diskMiB() + " MiB");
      disk = DiskBandwidth.measure(config.dir(), config.diskMiB());
      report.add(
          new TelemetryReport.Row(
              "Disk: sequential writes + fdatasync",
              disk,
              megabytes(disk),
              null,
              null,
              (DiskBandwidth.BLOCK_BYTES >> 20) + " MiB blocks, fdatasync after each: the limit"));
    }
    List<List<String>> ingestCells = new java.util.ArrayList<>();
    if (config.runs("ingest")) {
      ingestCells.add(List.of("http", "disk"));
      ingestCells.add(List.of("http", "process"));
    }
    if (config.runs("grpc")) {
      ingestCells.add(List.of("grpc", "disk"));
    }
    for (List<String> cell : ingestCells) {
      boolean grpc = cell.get(0).equals("grpc");
      String durability = cell.get(1);
      for (boolean gzip : List.of(false, true)) {
        progress.accept("ingest, " + cell.get(0) + ", durability " + durability + ", gzip " + gzip);
        IngestLoad.Result r = ingest(config, payload, grpc, durability, gzip, config.senders());
        double spansPerSecond = r.requestsPerSecond() * payload.spans();
        double perCore = spansPerSecond / r.coresUsed();
        double bytesPerSecond = r.requestsPerSecond() * payload.protobuf().length;
        boolean durable = durability.equals("disk");
        report.add(
            new TelemetryReport.Row(
                "Ingest"
                    + (grpc ? " over OTLP/gRPC, " : ", ")
                    + (durable ? "durable acks (fsync)" : "process-crash-safe acks")
                    + ", gzip "
                    + (gzip ? "on" : "off")
                    + ", spans/s per core",
                perCore,
                String.format(Locale.ROOT, "%,.0f", perCore),
                durable ? "≥ 100,000 spans/s per core" : null,
                durable ? perCore >= TARGET_SPANS_PER_CORE : null,
                String.format(
                    Locale.ROOT,
                    "%,.0f spans/s = %s (%s per core) with %d senders on %.2f cores; ack p50 %s,"
                        + " p99 %s%s%s",
                    spansPerSecond,
                    megabytes(bytesPerSecond),
                    megabytes(bytesPerSecond / r.coresUsed()),
                    config.senders(),
                    r.coresUsed(),
                    millis(r.p50Nanos()),
                    millis(r.p99Nanos()),
                    durable && !gzip && !grpc && !Double.isNaN(disk)
                        ? String.format(
                            Locale.ROOT,
                            "; %.0f %% of the disk's limit",
                            100 * bytesPerSecond / disk)
                        : "",
                    problems(r))));
      }
    }
    for (int senders : config.runs("latency") ? config.latencySenders() : List.<Integer>of()) {
      progress.accept("ack latency, durable, " + senders + " senders");
      IngestLoad.Result r = ingest(config, payload, false, "disk", false, senders);
      report.add(
          new TelemetryReport.Row(
              "Ack latency, durable, " + senders + (senders == 1 ? " sender" : " senders"),
              r.p99Nanos() / 1e6,
              r.requests() == 0
                  ? "no answer inside the window"
                  : "p50 " + millis(r.p50Nanos()) + ", p99 " + millis(r.p99Nanos()),
              null,
              null,
              String.format(
                  Locale.ROOT, "%,.0f requests/s%s", r.requestsPerSecond(), problems(r))));
    }
    if (!config.runs("drain")) {
      return report;
    }
    progress.accept("backlog of " + config.backlogMiB() + " MiB, then drain");
    try (Scratch scratch = Scratch.create(config.dir(), "drain")) {
      DrainRun.Result r = DrainRun.run(config, payload, scratch.path());
      report.add(
          new TelemetryReport.Row(
              "Drain of a " + config.backlogMiB() + " MiB backlog",
              r.drainBytesPerSecond(),
              megabytes(r.drainBytesPerSecond()),
              "≥ 100 MB/s",
              r.drainBytesPerSecond() >= TARGET_DRAIN_BYTES_PER_SECOND,
              String.format(
                  Locale.ROOT,
                  "%,d bytes in %.1f s to a discarding OTLP/HTTP sink on loopback, no gzip, 8"
                      + " requests in flight; heap: %s; the backlog was stored in %.1f s",
                  r.backlogBytes(),
                  r.drainSeconds(),
                  config.heapText(),
                  r.ingestSeconds())));
      long rss = Math.max(r.whileGrowing().rss(), r.whileDraining().rss());
      report.add(
          new TelemetryReport.Row(
              "RSS of the buffer, maximum",
              rss,
              String.format(Locale.ROOT, "%,.0f MiB", rss / 1048576.0),
              "≤ 128 MB",
              rss <= TARGET_RSS_BYTES,
              String.format(
                  Locale.ROOT,
                  "VmRSS sampled every 100 ms: %,.0f MiB while the backlog grew, %,.0f MiB while"
                      + " it drained; of which anonymous (RssAnon, without mapped queue pages):"
                      + " %,.0f and %,.0f MiB",
                  r.whileGrowing().rss() / 1048576.0,
                  r.whileDraining().rss() / 1048576.0,
                  r.whileGrowing().anonymous() / 1048576.0,
                  r.whileDraining().anonymous() / 1048576.0)));
    }
    return report;
  }

  private static IngestLoad.Result ingest(
      TelemetryBenchmarkConfig config,
      SpanPayload payload,
      boolean grpc,
      String durability,
      boolean gzip,
      int senders)
      throws Exception {
    // room for about 500 MB/s over the cell, so that the budget never refuses during it
    long roomGiB = config.duration().plus(config.warmup()).toSeconds() / 2 + 2;
    try (Scratch scratch = Scratch.create(config.dir(), "ingest");
        BufferProcess buffer =
            BufferProcess.start(
                config.childHeap(),
                config.childJvmFlags(),
                scratch.path(),
                List.of(
                    "--durability=" + durability,
                    "--max-disk=" + roomGiB + "GiB",
                    "--set=min-free-disk=256MiB"))) {
      // grpc-java compresses each request itself; the HTTP senders post the prepared gzip body
      IngestLoad.SenderFactory senderFactory =
          grpc
              ? () -> new GrpcSender(buffer.grpcPort, payload.protobuf(), gzip)
              : () ->
                  new OtlpSender(
                      buffer.httpPort, gzip ? payload.gzipped() : payload.protobuf(), gzip);
      return IngestLoad.run(buffer, senderFactory, senders, config.warmup(), config.duration());
    }
  }

  private static String problems(IngestLoad.Result r) {
    return (r.requests() == 0
            ? "; no request was answered inside the window (machine too busy: raise --duration)"
            : "")
        + (r.refused() > 0 ? "; " + r.refused() + " refused" : "")
        + (r.firstError() != null ? "; error: " + r.firstError() : "");
  }

  static String megabytes(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%,.1f MB/s", bytesPerSecond / 1e6);
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  /** A fresh data directory for one buffer, deleted with its contents on close. */
  private record Scratch(Path path) implements AutoCloseable {
    static Scratch create(Path parent, String name) throws java.io.IOException {
      return new Scratch(Files.createTempDirectory(parent, "k3j-bench-telemetry-" + name + "-"));
    }

    @Override
    public void close() throws java.io.IOException {
      try (Stream<Path> files = Files.walk(path)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
