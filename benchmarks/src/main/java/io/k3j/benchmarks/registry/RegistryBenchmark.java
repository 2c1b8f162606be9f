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
 * cache against a direct pull from the upstream (both caches warmed up first with another image)
 * with the CPU-bound floor of each from the CPU every process spent ({@link PullCpu}), many clients
 * pulling one cold image at once (upstream fetches per blob, counted in the upstream's access log),
 * and cached tag latency with the upstream stopped. The cold and cached pulls run twice, with the
 * JDK HTTP client and with curl for the blob bodies ({@link PullCells}). Prints a Markdown table.
 * Run it with {@code benchmarks/run registry [--quick] [--key=value...]}; {@code --help} lists the
 * keys.
 */
public final class RegistryBenchmark {
  static final double TARGET_CACHED_RATIO = 1.5;
  static final double TARGET_COLD_RATIO = 1.1;
  static final double TARGET_OFFLINE_MILLIS = 10;

  static final String TAG = "v1";

  private RegistryBenchmark() {}

  /** An image of the run, its repository and how the table names it. */
  record Subject(String label, String repository, BenchImage image) {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.println("usage: benchmarks/run registry [--quick] [--key=value...]");
      System.out.println("keys (also -Dk3j.bench.<key>=value), with their defaults:");
      RegistryBenchmarkConfig.DEFAULTS.forEach((k, v) -> System.out.println("  --" + k + "=" + v));
      System.out.println("--quick sets " + RegistryBenchmarkConfig.QUICK);
      System.out.println("cells:");
      System.out.println("  cold     direct pulls from the upstream against one pull through each");
      System.out.println(
          "           empty cache, with the JDK HTTP client and again with curl, and");
      System.out.println("           the CPU seconds per GiB of the upstream, the cache and the");
      System.out.println(
          "           client in each: their sum over the cores is the CPU-bound floor");
      System.out.println(
          "           of a pull, printed with the ratio of the floors, cache / direct");
      System.out.println(
          "  cached   pulls from each filled cache, with the JDK HTTP client and with");
      System.out.println(
          "           curl, and the CPU seconds per GiB of the cache and the client");
      System.out.println("  herd     many clients pulling one cold image at once");
      System.out.println("  offline  cached tag latency with the upstream stopped");
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
    String loadBefore = Machine.loadAverage();
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
            + Machine.loadAverage()
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
        PullCells pulls =
            new PullCells(config, root, upstream, local, proxy, warmUp, report, progress);
        for (Subject subject : subjects) {
          pulls.measure(subject);
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
   * Pulls a small image through fresh caches twice (cold, then cached), so that neither is measured
   * while it starts up: the JVM compiles its hot paths, both open their connections.
   */
  static void warmUp(RegistryBenchmarkConfig config, Subject warmUp, ServerProcess... caches)
      throws Exception {
    try (PullClient client = PullClient.jdk(config.streams(), config.verifyDigests())) {
      for (ServerProcess cache : caches) {
        for (int i = 0; i < 2; i++) {
          client.pull(cache.url(), warmUp.repository(), TAG);
        }
      }
    }
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
                      PullClient.jdk(config.streams(), config.verifyDigests())) {
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

  private static List<Subject> concat(List<Subject> subjects, Subject... extra) {
    List<Subject> all = new ArrayList<>(subjects);
    all.addAll(List.of(extra));
    return all;
  }

  static String mebibytes(long bytes) {
    return bytes % (1L << 30) == 0
        ? (bytes >> 30) + " GiB"
        : String.format(
            Locale.ROOT, bytes % (1 << 20) == 0 ? "%.0f MiB" : "%.1f MiB", bytes / 1048576.0);
  }

  static void deleteRecursively(Path dir) throws IOException {
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
