package io.k3j.benchmarks.telemetry;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone telemetry buffer in a child JVM on loopback, so its CPU time and resident memory
 * are its own and not the load generator's. It is started as a user starts it, {@code bin/k3j
 * telemetry-buffer} (the jar {@code benchmarks/run} builds, with the launcher's JVM flags and
 * environment), with the heap (unless the run leaves it to the launcher) and the extra flags of the
 * run in {@code K3J_JAVA_OPTS}.
 */
final class BufferProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final Process process;
  final int httpPort;
  final int grpcPort;

  private BufferProcess(Process process, int httpPort, int grpcPort) {
    this.process = process;
    this.httpPort = httpPort;
    this.grpcPort = grpcPort;
  }

  /** Starts the buffer with {@code settings} ({@code --flag=value}) and waits for /healthz. */
  static BufferProcess start(
      String heap, List<String> jvmFlags, Path dataDir, List<String> settings)
      throws IOException, InterruptedException {
    int http = freePort();
    int grpc = freePort();
    Path launcher = launcher();
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            launcher.toString(),
            "telemetry-buffer",
            "--data-dir=" + dataDir,
            "--http-listen=127.0.0.1:" + http,
            "--grpc-listen=127.0.0.1:" + grpc));
    command.addAll(settings);
    List<String> jvm = new ArrayList<>();
    if (!heap.equals(TelemetryBenchmarkConfig.LAUNCHER_HEAP)) {
      jvm.add("-Xmx" + heap);
    }
    jvm.add("-XX:+UseSerialGC");
    jvm.addAll(jvmFlags);
    jvm.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    Path log = Files.createDirectories(dataDir).resolve("buffer.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("K3J_JAVA_OPTS", String.join(" ", jvm));
    builder.environment().put("K3J_SKIP_BUILD", "1"); // benchmarks/run built the jar
    Process process = builder.start();
    BufferProcess buffer = new BufferProcess(process, http, grpc);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!buffer.healthy()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        buffer.close();
        throw new IOException("the buffer did not start; see " + log);
      }
      Thread.sleep(50);
    }
    return buffer;
  }

  /**
   * {@code bin/k3j} of the repository the benchmark runs in (the tests run in the module's folder),
   * once its jar is built: {@code benchmarks/run} builds it, and a benchmark must not start a build
   * of its own.
   */
  private static Path launcher() throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      Path launcher = dir.resolve("bin/k3j");
      if (Files.isExecutable(launcher)) {
        Path jar = dir.resolve("k3j-runtime/target/k3j.jar");
        if (!Files.isRegularFile(jar)) {
          throw new IOException(jar + " is missing: build it with bin/k3j --version");
        }
        return launcher;
      }
    }
    throw new IOException("bin/k3j not found in " + cwd + " or above: run inside the repository");
  }

  private boolean healthy() throws InterruptedException {
    try {
      return get("/healthz").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** CPU time (user + system) the buffer process has used so far. */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * A resident-memory field of {@code /proc/<pid>/status} in bytes ({@code VmRSS}: everything;
   * {@code RssAnon}: heap, stacks and direct buffers, without the mapped queue files), or -1 where
   * that does not exist.
   */
  long residentBytes(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", "" + process.pid(), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Sum of every sample of a Prometheus metric on the buffer's /metrics, e.g. all signals. */
  double metric(String name) throws IOException, InterruptedException {
    double sum = 0;
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }
}
