package io.k3j.benchmarks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The API server as users meet it: a real {@code k3j server} process (the fat jar through {@code
 * bin/k3j}) measured for start-up to {@code /readyz}, resident memory idle and with 10,000 objects,
 * and create/get/list/watch throughput and latency through fabric8 at 1 and 32 clients, plus get
 * latency at a paced 30 requests/s.
 *
 * <p>Usage: {@code benchmarks/run api [--quick] [--only=start|--only=create|--only=paced]
 * [--warmup=N] [--warm-client=N]}; {@code --only=start} runs just the fresh starts to {@code
 * /readyz} and the RSS 3 s and 10 s after ready (for comparing start-up and idle memory), {@code
 * --only=create} runs just the two create cells on one server (for comparing and profiling the
 * write path), {@code --only=paced} the paced gets after storing the objects (for chasing the slow
 * requests; the server's JVM takes options from {@code K3J_JAVA_OPTS} as {@code bin/k3j} does).
 * {@code --warmup=N} first runs N creates from 32 clients that are not measured, so that the cells
 * after it measure compiled code instead of the server's JIT compiler (without it a create cell of
 * a few seconds pays for most of the server's C2 compiles; the default 0 measures as before).
 * {@code --warm-client=N} first runs N creates from 32 clients against a throwaway server that is
 * then stopped, so that this JVM's client code (fabric8, the JDK's HTTP/2 client and TLS) is
 * compiled while the measured server is still cold: its rows then measure the server's cold cost
 * without the client's compiles on the same cores, and their labels say {@code client warmed}.
 *
 * <p>Each throughput cell also prints the CPU time of the server's and of this JVM's threads by
 * group (JIT compilers, event loops, API workers, the client's threads), per request: whether a
 * cell is bound by the server, its compiler, or the client that shares the cores.
 */
public final class ApiBenchmark {
  private final boolean quick;
  private final String only;
  private final int warmup;
  private final int warmClient;
  private final Path root = Path.of("").toAbsolutePath();
  private final Path work;
  private Process server;
  private KubernetesClient client;

  /**
   * @param only {@code start}, {@code create} or {@code paced} for just those cells, empty for all
   */
  private ApiBenchmark(boolean quick, String only, int warmup, int warmClient) throws IOException {
    this.quick = quick;
    this.only = only;
    this.warmup = warmup;
    this.warmClient = warmClient;
    this.work = Files.createTempDirectory("k3j-api-bench");
  }

  public static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    if (options.contains("--help")) {
      System.out.println(
          "usage: benchmarks/run api [--quick] [--only=start|--only=create|--only=paced]"
              + " [--warmup=N] [--warm-client=N]");
      System.out.println(
          "  --warmup=N       N unmeasured creates from 32 clients on the measured server first");
      System.out.println(
          "  --warm-client=N  N creates from 32 clients on a throwaway server first: this JVM's"
              + " client code is compiled, the measured server is still cold (rows say"
              + " \"client warmed\")");
      return;
    }
    String only = "";
    int warmup = 0;
    int warmClient = 0;
    for (String option : options) {
      if (option.equals("--only=start")
          || option.equals("--only=create")
          || option.equals("--only=paced")) {
        only = option.substring("--only=".length());
      } else if (option.startsWith("--warmup=")) {
        warmup = Integer.parseInt(option.substring("--warmup=".length()));
      } else if (option.startsWith("--warm-client=")) {
        warmClient = Integer.parseInt(option.substring("--warm-client=".length()));
      } else if (!option.equals("--quick")) {
        throw new IllegalArgumentException("unknown option " + option + "; see --help");
      }
    }
    ApiBenchmark benchmark =
        new ApiBenchmark(options.contains("--quick"), only, warmup, warmClient);
    try {
      benchmark.run();
    } finally {
      benchmark.close();
    }
  }

  private void run() throws Exception {
    System.out.printf(
        "k3j API benchmark (%s), %d cores, java %s%n",
        quick ? "quick" : "full",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    if (only.isEmpty() || only.equals("start")) {
      startsAndReadiness();
    }
    if (warmClient > 0 && !only.equals("start")) {
      warmClient();
    }
    long ready = startServer(work.resolve("data"));
    Thread.sleep(3_000);
    System.out.printf("after start: ready in %d ms, RSS %.1f MB 3 s after ready%n", ready, rssMb());
    // Idle: the start-up work that runs after /readyz (OpenAPI schemas, the operators' clients)
    // is over and the JVM has handed back what its compilers freed (JDK 17 empties its arena
    // chunk pool every 5 s of uptime).
    if (only.isEmpty() || only.equals("start")) {
      Thread.sleep(7_000);
      System.out.printf("idle: RSS %.1f MB 10 s after ready (target <= 150 MB)%n", rssMb());
    }
    if (only.equals("start")) {
      return;
    }
    client = newClient(work.resolve("data"));
    for (String ns : List.of("warmup", "one", "many", "list", "watch")) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    int objects = quick ? 2_000 : 10_000;
    if (warmup > 0) {
      report("warm-up", 32, creates("warmup", 32, warmup));
    }
    if (only.equals("paced")) {
      creates("many", 32, objects);
      timed(1, Duration.ofSeconds(quick ? 3 : 15), () -> get("many", objects));
      paced(quick ? 90 : 600);
      return;
    }
    report("create", 1, creates("one", 1, quick ? 300 : 2_000));
    report("create", 32, creates("many", 32, objects));
    if (only.equals("create")) {
      return;
    }
    System.gc();
    Thread.sleep(2_000);
    System.out.printf(
        "with %,d objects stored: RSS %.1f MB%n",
        warmup + objects + (quick ? 300 : 2_000), rssMb());
    Duration phase = Duration.ofSeconds(quick ? 3 : 15);
    int names = objects;
    report("get", 1, timed(1, phase, () -> get("many", names)));
    report("get", 32, timed(32, phase, () -> get("many", names)));
    creates("list", 8, 100);
    report("list 100", 1, timed(1, phase, () -> client.configMaps().inNamespace("list").list()));
    report("list 100", 32, timed(32, phase, () -> client.configMaps().inNamespace("list").list()));
    report("watch event", 1, watch(1, quick ? 300 : 2_000));
    report("watch event", 32, watch(32, quick ? 2_000 : 10_000));
    paced(quick ? 90 : 600);
  }

  private KubernetesClient newClient(Path dataDir) throws IOException {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(dataDir.resolve("k3j.yaml"))))
        .build();
  }

  /**
   * Compiles this JVM's client path before the measured server starts: creates against a server of
   * its own, which is then stopped, so none of its compiled code or stored objects stay.
   */
  private void warmClient() throws Exception {
    Path dataDir = work.resolve("client-warm-up");
    startServer(dataDir);
    client = newClient(dataDir);
    try {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("warmup").endMetadata().build())
          .create();
      Result result = creates("warmup", 32, warmClient);
      System.out.printf(
          "client warm-up: %,d creates from 32 clients on a throwaway server, %,.0f /s (not"
              + " counted)%n",
          result.requests(), result.perSecond());
    } finally {
      client.close();
      client = null;
      stopServer();
    }
  }

  private void startsAndReadiness() throws Exception {
    List<Long> readyMillis = new ArrayList<>();
    int starts = quick ? 2 : 5;
    for (int i = 0; i < starts; i++) {
      readyMillis.add(startServer(work.resolve("start-" + i)));
      stopServer();
    }
    readyMillis.sort(Comparator.naturalOrder());
    System.out.printf(
        "start to /readyz: median %d ms, max %d ms over %d fresh starts (target <= 2000 ms)%n",
        readyMillis.get(readyMillis.size() / 2), readyMillis.get(readyMillis.size() - 1), starts);
  }

  /** Starts {@code bin/k3j server} on a fresh port and returns the milliseconds to /readyz. */
  private long startServer(Path dataDir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                root.resolve("bin/k3j").toString(),
                "server",
                "--data-dir",
                dataDir.toString(),
                "--bind-address",
                "127.0.0.1",
                "--https-listen-port",
                Integer.toString(port),
                "--write-kubeconfig",
                dataDir.resolve("k3j.yaml").toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("server.log").toFile());
    builder.environment().put("K3J_SKIP_BUILD", "1");
    long started = System.nanoTime();
    server = builder.start();
    HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).build();
    URI readyz = URI.create("https://127.0.0.1:" + port + "/readyz");
    while (true) {
      if (!server.isAlive()) {
        throw new IllegalStateException("k3j server exited; see " + work.resolve("server.log"));
      }
      try {
        HttpResponse<String> response =
            http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(10);
    }
  }

  private void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
      server = null;
    }
  }

  private double rssMb() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for " + server.pid());
  }

  private static ConfigMap configMap(String namespace, String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(Map.of("bench", "api"))
        .endMetadata()
        .withData(Map.of("key", "value-" + name))
        .build();
  }

  /** {@code total} creates spread over {@code clients} threads. */
  private Result creates(String namespace, int clients, int total) throws Exception {
    AtomicInteger next = new AtomicInteger();
    return run(
        clients,
        () -> {
          int i = next.getAndIncrement();
          if (i >= total) {
            return false;
          }
          client.configMaps().resource(configMap(namespace, "cm-" + i)).create();
          return true;
        });
  }

  private void get(String namespace, int names) {
    client
        .configMaps()
        .inNamespace(namespace)
        .withName("cm-" + ThreadLocalRandom.current().nextInt(names))
        .get();
  }

  private Result timed(int clients, Duration duration, Runnable request) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    return run(
        clients,
        () -> {
          if (System.nanoTime() >= end) {
            return false;
          }
          request.run();
          return true;
        });
  }

  /** A task returns false when there is nothing left to do. */
  private interface Step {
    boolean next() throws Exception;
  }

  /**
   * @param serverCpuSeconds CPU time the server process used meanwhile: on a machine shared with
   *     other work, its cost per request compares runs better than the rate does
   * @param serverThreads the server's CPU seconds by thread group (compilers, event loops,
   *     workers), empty where not measured
   * @param harnessThreads the same for this JVM: whether the client, not the server, was the limit
   */
  private record Result(
      int requests,
      double seconds,
      Latencies latencies,
      double serverCpuSeconds,
      Map<String, Double> serverThreads,
      Map<String, Double> harnessThreads) {
    Result(int requests, double seconds, Latencies latencies, double serverCpuSeconds) {
      this(requests, seconds, latencies, serverCpuSeconds, Map.of(), Map.of());
    }

    double perSecond() {
      return requests / seconds;
    }
  }

  /** CPU seconds the server process has used so far. */
  private double serverCpuSeconds() {
    return Machine.cpuSeconds(server.toHandle());
  }

  private Result run(int clients, Step step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> futures = new ArrayList<>();
    double cpuBefore = serverCpuSeconds();
    ThreadCpu serverBefore = ThreadCpu.of(server.pid());
    ThreadCpu harnessBefore = ThreadCpu.of(ProcessHandle.current().pid());
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                List<Long> mine = new ArrayList<>();
                while (true) {
                  long t0 = System.nanoTime();
                  if (!step.next()) {
                    break;
                  }
                  mine.add(System.nanoTime() - t0);
                }
                return mine.stream().mapToLong(Long::longValue).toArray();
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> future : futures) {
      all.add(future.get());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpu = serverCpuSeconds() - cpuBefore;
    // Before the pool's threads end: an ended thread's CPU is no longer in /proc.
    Map<String, Double> serverThreads = ThreadCpu.of(server.pid()).since(serverBefore);
    Map<String, Double> harnessThreads =
        ThreadCpu.of(ProcessHandle.current().pid()).since(harnessBefore);
    pool.shutdown();
    long[] merged = all.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    return new Result(
        merged.length, seconds, Latencies.of(merged), cpu, serverThreads, harnessThreads);
  }

  /**
   * One watch on a namespace while {@code writers} threads create {@code total} objects there:
   * events per second delivered and the time from the start of each create to its event.
   */
  private Result watch(int writers, int total) throws Exception {
    String namespace = "watch";
    client.configMaps().inNamespace(namespace).delete();
    Map<String, Long> sent = new ConcurrentHashMap<>();
    long[] delays = new long[total];
    AtomicInteger received = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    String prefix = "w" + writers + "-";
    try (Watch watch =
        client
            .configMaps()
            .inNamespace(namespace)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, ConfigMap cm) {
                    Long at = sent.get(cm.getMetadata().getName());
                    if (action == Action.ADDED
                        && at != null
                        && cm.getMetadata().getName().startsWith(prefix)) {
                      int i = received.getAndIncrement();
                      if (i < total) {
                        delays[i] = System.nanoTime() - at;
                        done.countDown();
                      }
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      AtomicInteger next = new AtomicInteger();
      double cpuBefore = serverCpuSeconds();
      long started = System.nanoTime();
      run(
          writers,
          () -> {
            int i = next.getAndIncrement();
            if (i >= total) {
              return false;
            }
            String name = prefix + i;
            sent.put(name, System.nanoTime());
            client.configMaps().resource(configMap(namespace, name)).create();
            return true;
          });
      if (!done.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("watch delivered " + received.get() + " of " + total);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(total, seconds, Latencies.of(delays), serverCpuSeconds() - cpuBefore);
    }
  }

  /** Gets at a steady 30 requests/s, as vcluster's published load test ran k3s. */
  private void paced(int requests) throws Exception {
    long[] latencies = new long[requests];
    Instant[] startedAt = new Instant[requests];
    long interval = TimeUnit.SECONDS.toNanos(1) / 30;
    long next = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      startedAt[i] = Instant.now();
      long t0 = System.nanoTime();
      get("many", 1_000);
      latencies[i] = System.nanoTime() - t0;
      next += interval;
    }
    Latencies l = Latencies.of(latencies);
    double average = java.util.Arrays.stream(latencies).average().orElse(0) / 1e6;
    System.out.printf(
        "get at 30 req/s: %d requests, avg %.2f ms, p50 %.2f ms, p99 %.2f ms (target p99 <= 5 ms);"
            + " k3s on SQLite published avg 170 ms -> %.0fx lower average%n",
        requests, average, l.p50Millis(), l.p99Millis(), 170 / average);
    // The slowest requests with their wall-clock start, to line up with the server's GC log or a
    // profile (the p99 of 600 requests is the 6th slowest).
    StringBuilder slowest = new StringBuilder("  slowest:");
    IntStream.range(0, requests)
        .boxed()
        .sorted(Comparator.comparingLong((Integer i) -> latencies[i]).reversed())
        .limit(8)
        .forEach(
            i ->
                slowest.append(String.format(" %.1f ms at %s;", latencies[i] / 1e6, startedAt[i])));
    System.out.println(slowest);
  }

  private void report(String what, int clients, Result result) {
    System.out.printf(
        "%-12s %2d clients: %,8.0f /s  p50 %6.2f ms  p99 %6.2f ms  (%,d in %.1f s)"
            + "  server CPU %.2f ms/request%n",
        warmClient > 0 ? what + ", client warmed" : what,
        clients,
        result.perSecond(),
        result.latencies().p50Millis(),
        result.latencies().p99Millis(),
        result.requests(),
        result.seconds(),
        result.serverCpuSeconds() * 1e3 / result.requests());
    if (!result.serverThreads().isEmpty()) {
      System.out.println(
          ThreadCpu.describe("  server threads", result.serverThreads(), result.requests()));
      System.out.println(
          ThreadCpu.describe("  harness threads", result.harnessThreads(), result.requests()));
    }
  }

  private static SSLContext trustAll() throws Exception {
    TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
    return context;
  }

  private void close() throws Exception {
    if (client != null) {
      client.close();
    }
    stopServer();
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
