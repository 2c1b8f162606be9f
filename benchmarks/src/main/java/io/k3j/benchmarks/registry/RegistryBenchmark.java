package io.k3j.benchmarks.registry;

import io.k3j.benchmarks.Machine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The registry harness for issue 7: local-registry and Debian's docker-registry, both as
 * pull-through caches of the same docker-registry upstream, pulling the same images in one run:
 * cached pull throughput (a big single-layer image and a many-layer image), cold pulls through each
 * cache against a direct pull from the upstream (both caches warmed up first with another image),
 * many clients pulling one cold image at once (upstream fetches per blob, counted in the upstream's
 * access log), and cached tag latency with the upstream stopped. Prints a Markdown table. Run it
 * with {@code benchmarks/run registry [--quick] [--key=value...]}; {@code --help} lists the keys.
 */
public final class RegistryBenchmark {
  static final double TARGET_CACHED_RATIO = 1.5;
  static final double TARGET_COLD_RATIO = 1.1;
  static final double TARGET_OFFLINE_MILLIS = 10;

  private static final String TAG = "v1";

  private RegistryBenchmark() {}

  /** An image of the run, its repository and how the table names it. */
  private record Subject(String label, String repository, BenchImage image) {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.println("usage: benchmarks/run registry [--quick] [--key=value...]");
      System.out.println("keys (also -Dk3j.bench.<key>=value), with their defaults:");
      RegistryBenchmarkConfig.DEFAULTS.forEach((k, v) -> System.out.println("  --" + k + "=" + v));
      System.out.println("--quick sets " + RegistryBenchmarkConfig.QUICK);
      return;
    }
    RegistryBenchmarkConfig config;
    try {
      config = RegistryBenchmarkConfig.fromArgs(List.of(args), System.getProperties());
    } catch (IllegalArgumentException e) {
      System.err.println("registry benchmark: " + e.getMessage());
      System.exit(2);
      return;
    }
    String loadBefore = loadAverage();
    Instant started = Instant.now();
    RegistryReport report = run(config, message -> System.err.println("[bench] " + message));
    System.out.println(
        "Run "
            + started
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, Java "
            + System.getProperty("java.version")
            + ", data in "
            + config.dir().toAbsolutePath()
            + ". Load average before "
            + loadBefore
            + ", after "
            + loadAverage()
            + ".");
    System.out.println();
    System.out.print(report.markdown());
  }

  /** Runs every measurement in turn; {@code progress} hears what is running. */
  public static RegistryReport run(RegistryBenchmarkConfig config, Consumer<String> progress)
      throws Exception {
    Files.createDirectories(config.dir());
    Path root = Files.createTempDirectory(config.dir(), "k3j-bench-registry-");
    try {
      return run(config, root, progress);
    } finally {
      deleteRecursively(root);
    }
  }

  private static RegistryReport run(
      RegistryBenchmarkConfig config, Path root, Consumer<String> progress) throws Exception {
    progress.accept("writing the images");
    List<Subject> subjects =
        List.of(
            new Subject(
                "1 layer of " + mebibytes(config.bigBytes()),
                "bench/big",
                BenchImage.create(root.resolve("images/big"), 1, config.bigBytes(), 1)),
            new Subject(
                config.layers() + " layers of " + mebibytes(config.layerBytes()),
                "bench/many",
                BenchImage.create(
                    root.resolve("images/many"), config.layers(), config.layerBytes(), 2)));
    Subject herd =
        new Subject(
            config.herdLayers() + " layers of " + mebibytes(config.herdLayerBytes()),
            "bench/herd",
            BenchImage.create(
                root.resolve("images/herd"), config.herdLayers(), config.herdLayerBytes(), 3));
    Subject warmUp =
        new Subject(
            "warm-up",
            "bench/warm-up",
            BenchImage.create(root.resolve("images/warm-up"), 8, 1 << 20, 4));
    RegistryReport report = new RegistryReport();
    try (ServerProcess upstream = ServerProcess.dockerRegistry(root.resolve("upstream"), null)) {
      progress.accept("pushing the images to the upstream docker-registry");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (Subject s : concat(subjects, herd, warmUp)) {
        s.image().push(http, upstream.url(), s.repository(), TAG);
      }
      deleteRecursively(root.resolve("images"));
      try (ServerProcess local =
              ServerProcess.localRegistry(root.resolve("local"), upstream.url());
          ServerProcess proxy =
              ServerProcess.dockerRegistry(root.resolve("proxy"), upstream.url())) {
        warmUp(config, warmUp, local, proxy);
        for (Subject subject : subjects) {
          pulls(config, subject, upstream, local, proxy, report, progress);
        }
        if (config.runs("herd")) {
          herd(config, herd, warmUp, root, upstream, report, progress);
        }
        if (config.runs("offline")) {
          upstream.close();
          progress.accept("cached tag latency with the upstream stopped");
          offlineTag(config, subjects.get(0), local, proxy, report);
        }
      }
    }
    return report;
  }

  /**
   * Direct, cold-through-cache and cached pulls of one image, as far as those cells run; without
   * the cold cell, one unmeasured pull through each cache fills it for the cells after it.
   */
  private static void pulls(
      RegistryBenchmarkConfig config,
      Subject subject,
      ServerProcess upstream,
      ServerProcess local,
      ServerProcess proxy,
      RegistryReport report,
      Consumer<String> progress)
      throws Exception {
    try (PullClient client = new PullClient(config.streams(), config.verifyDigests())) {
      if (config.runs("cold")) {
        cold(config, client, subject, upstream, local, proxy, report, progress);
      } else if (config.runs("cached") || config.runs("offline")) {
        progress.accept(subject.label() + ": filling each cache (not measured)");
        client.pull(local.url(), subject.repository(), TAG);
        client.pull(proxy.url(), subject.repository(), TAG);
      }
      if (config.runs("cached")) {
        cached(config, client, subject, local, proxy, report, progress);
      }
    }
  }

  /** Direct pulls from the upstream, then one cold pull through each cache. */
  private static void cold(
      RegistryBenchmarkConfig config,
      PullClient client,
      Subject subject,
      ServerProcess upstream,
      ServerProcess local,
      ServerProcess proxy,
      RegistryReport report,
      Consumer<String> progress)
      throws Exception {
    progress.accept(subject.label() + ": direct pulls from the upstream");
    client.pull(upstream.url(), subject.repository(), TAG);
    double direct = median(rounds(config, client, upstream, subject), PullClient.Pull::seconds);

    progress.accept(subject.label() + ": cold pulls through each cache");
    PullClient.Pull coldLocal = client.pull(local.url(), subject.repository(), TAG);
    PullClient.Pull coldProxy = client.pull(proxy.url(), subject.repository(), TAG);
    report.add(
        new RegistryReport.Row(
            "Cold pull through the cache, " + subject.label(),
            coldLocal.seconds(),
            coldProxy.seconds(),
            "s",
            String.format(
                Locale.ROOT, "≤ %.1f× the direct pull (%.2f s)", TARGET_COLD_RATIO, direct),
            coldLocal.seconds() <= TARGET_COLD_RATIO * direct,
            String.format(
                Locale.ROOT,
                "direct pull from the upstream: %.2f s (median of %d); local / direct %.2f×",
                direct,
                config.rounds(),
                coldLocal.seconds() / direct)));
  }

  /**
   * Cached pulls of one image from each cache. Beside the throughput the row notes the CPU time the
   * cache process and this (client) process spent per GiB pulled: one stream of one blob is bound
   * by the client's copies, and when the cores are shared the total CPU per GiB decides how fast it
   * goes, which the throughput alone hides under a changing load.
   */
  private static void cached(
      RegistryBenchmarkConfig config,
      PullClient client,
      Subject subject,
      ServerProcess local,
      ServerProcess proxy,
      RegistryReport report,
      Consumer<String> progress)
      throws Exception {
    progress.accept(subject.label() + ": cached pulls");
    CachedRounds ours = cachedRounds(config, client, local, subject);
    CachedRounds theirs = cachedRounds(config, client, proxy, subject);
    report.add(
        new RegistryReport.Row(
            "Cached pull, " + subject.label(),
            ours.megabytesPerSecond(),
            theirs.megabytesPerSecond(),
            "MB/s",
            String.format(Locale.ROOT, "≥ %.1f× docker-registry", TARGET_CACHED_RATIO),
            ours.megabytesPerSecond() >= TARGET_CACHED_RATIO * theirs.megabytesPerSecond(),
            String.format(
                Locale.ROOT,
                "median of %d pulls of %s, %d concurrent blob downloads; CPU s per GiB,"
                    + " cache + client: local %.2f + %.2f, docker %.2f + %.2f",
                config.rounds(),
                mebibytes(subject.image().totalBytes()),
                config.streams(),
                ours.serverCpuPerGib(),
                ours.clientCpuPerGib(),
                theirs.serverCpuPerGib(),
                theirs.clientCpuPerGib())));
  }

  /** The median throughput of a cache's cached pulls and the CPU both sides spent per GiB. */
  private record CachedRounds(
      double megabytesPerSecond, double serverCpuPerGib, double clientCpuPerGib) {}

  private static CachedRounds cachedRounds(
      RegistryBenchmarkConfig config, PullClient client, ServerProcess server, Subject subject)
      throws Exception {
    ProcessHandle self = ProcessHandle.current();
    double server0 = Machine.cpuSeconds(server.handle());
    double client0 = Machine.cpuSeconds(self);
    List<PullClient.Pull> pulls = rounds(config, client, server, subject);
    double gib = pulls.stream().mapToLong(PullClient.Pull::bytes).sum() / (double) (1L << 30);
    return new CachedRounds(
        median(pulls, PullClient.Pull::megabytesPerSecond),
        (Machine.cpuSeconds(server.handle()) - server0) / gib,
        (Machine.cpuSeconds(self) - client0) / gib);
  }

  /**
   * Pulls a small image through fresh caches twice (cold, then cached), so that neither is measured
   * while it starts up: the JVM compiles its hot paths, both open their connections.
   */
  private static void warmUp(
      RegistryBenchmarkConfig config, Subject warmUp, ServerProcess... caches) throws Exception {
    try (PullClient client = new PullClient(config.streams(), config.verifyDigests())) {
      for (ServerProcess cache : caches) {
        for (int i = 0; i < 2; i++) {
          client.pull(cache.url(), warmUp.repository(), TAG);
        }
      }
    }
  }

  private static List<PullClient.Pull> rounds(
      RegistryBenchmarkConfig config, PullClient client, ServerProcess server, Subject subject)
      throws Exception {
    List<PullClient.Pull> pulls = new ArrayList<>();
    for (int i = 0; i < config.rounds(); i++) {
      pulls.add(client.pull(server.url(), subject.repository(), TAG));
    }
    return pulls;
  }

  /** Many clients pull the same image through a fresh cache at once. */
  private static void herd(
      RegistryBenchmarkConfig config,
      Subject herd,
      Subject warmUp,
      Path root,
      ServerProcess upstream,
      RegistryReport report,
      Consumer<String> progress)
      throws Exception {
    progress.accept(config.clients() + " clients pulling one cold image through each cache");
    double[] perBlob = new double[2];
    double[] seconds = new double[2];
    try (ServerProcess local =
            ServerProcess.localRegistry(root.resolve("herd-local"), upstream.url());
        ServerProcess proxy =
            ServerProcess.dockerRegistry(root.resolve("herd-proxy"), upstream.url())) {
      warmUp(config, warmUp, local, proxy);
      List<ServerProcess> caches = List.of(local, proxy);
      for (int i = 0; i < caches.size(); i++) {
        String blobGets = "\"GET /v2/" + herd.repository() + "/blobs/";
        long before = upstream.logLines(blobGets);
        seconds[i] = concurrentPulls(config, caches.get(i), herd);
        Thread.sleep(500); // the upstream writes its access log line after the response ends
        perBlob[i] = (upstream.logLines(blobGets) - before) / (double) herd.image().blobs().size();
      }
    }
    String clients = config.clients() + " clients, one cold image (" + herd.label() + ")";
    report.add(
        new RegistryReport.Row(
            clients + ": upstream fetches per blob",
            perBlob[0],
            perBlob[1],
            "",
            "1 (one upstream fetch per blob)",
            perBlob[0] == 1.0,
            "GETs of the image's blobs in the upstream's access log / blobs in the image"));
    report.add(
        new RegistryReport.Row(
            clients + ": until every client has it",
            seconds[0],
            seconds[1],
            "s",
            null,
            null,
            null));
  }

  private static double concurrentPulls(
      RegistryBenchmarkConfig config, ServerProcess cache, Subject herd) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(config.clients());
    try {
      long started = System.nanoTime();
      List<Future<PullClient.Pull>> pulls = new ArrayList<>();
      for (int i = 0; i < config.clients(); i++) {
        pulls.add(
            clients.submit(
                () -> {
                  try (PullClient client =
                      new PullClient(config.streams(), config.verifyDigests())) {
                    return client.pull(cache.url(), herd.repository(), TAG);
                  }
                }));
      }
      for (Future<PullClient.Pull> pull : pulls) {
        try {
          pull.get();
        } catch (ExecutionException e) {
          String output = cache.output();
          throw new IOException(
              cache.name()
                  + " failed a pull: "
                  + e.getCause().getMessage()
                  + "; the end of its output:\n"
                  + output.substring(Math.max(0, output.length() - 4000)),
              e.getCause());
        }
      }
      return (System.nanoTime() - started) / 1e9;
    } finally {
      clients.shutdownNow();
    }
  }

  /** Sequential GETs of a cached tag after the upstream stopped, on each cache. */
  private static void offlineTag(
      RegistryBenchmarkConfig config,
      Subject subject,
      ServerProcess local,
      ServerProcess proxy,
      RegistryReport report)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    double[][] millis = {
      tagLatencies(config, http, local, subject), tagLatencies(config, http, proxy, subject)
    };
    String[] names = {"p50", "p99", "max"};
    double[] quantiles = {0.50, 0.99, 1.0};
    for (int q = 0; q < names.length; q++) {
      double ours = quantile(millis[0], quantiles[q]);
      boolean targeted = names[q].equals("p99");
      report.add(
          new RegistryReport.Row(
              "Cached tag with the upstream stopped, " + names[q],
              ours,
              quantile(millis[1], quantiles[q]),
              "ms",
              targeted ? String.format(Locale.ROOT, "≤ %.0f ms", TARGET_OFFLINE_MILLIS) : null,
              targeted ? ours <= TARGET_OFFLINE_MILLIS : null,
              targeted
                  ? config.offlineSamples()
                      + " sequential GETs of the manifest by tag, after one that finds the upstream down"
                  : null));
    }
  }

  private static double[] tagLatencies(
      RegistryBenchmarkConfig config, HttpClient http, ServerProcess server, Subject subject)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(server.url() + "/v2/" + subject.repository() + "/manifests/" + TAG))
            .header("Accept", BenchImage.MANIFEST_TYPE)
            .build();
    sendExpecting200(http, request, server);
    double[] millis = new double[config.offlineSamples()];
    for (int i = 0; i < millis.length; i++) {
      long started = System.nanoTime();
      sendExpecting200(http, request, server);
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    return millis;
  }

  private static void sendExpecting200(HttpClient http, HttpRequest request, ServerProcess server)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(
          server.name() + " answered " + response.statusCode() + " for a cached tag offline");
    }
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }

  /** The middle value, or the mean of the two middle values of an even count. */
  private static double median(
      List<PullClient.Pull> pulls, java.util.function.ToDoubleFunction<PullClient.Pull> metric) {
    double[] sorted = pulls.stream().mapToDouble(metric).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static List<Subject> concat(List<Subject> subjects, Subject... extra) {
    List<Subject> all = new ArrayList<>(subjects);
    all.addAll(List.of(extra));
    return all;
  }

  private static String mebibytes(long bytes) {
    return bytes % (1L << 30) == 0
        ? (bytes >> 30) + " GiB"
        : String.format(
            Locale.ROOT, bytes % (1 << 20) == 0 ? "%.0f MiB" : "%.1f MiB", bytes / 1048576.0);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
