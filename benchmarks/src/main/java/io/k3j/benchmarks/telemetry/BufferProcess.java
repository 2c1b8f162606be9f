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
 * The standalone telemetry buffer ({@code TelemetryBufferMain}) in a child JVM on loopback, so its
 * CPU time and resident memory are its own and not the load generator's.
 */
final class BufferProcess implements AutoCloseable {
  /**
   * What Chronicle Queue needs on Java 17: the list of {@code k3j.jvm.flags} in the parent pom,
   * which the benchmark cannot read at run time.
   */
  private static final List<String> CHRONICLE_FLAGS =
      List.of(
          "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "-Dchronicle.analytics.disable=true",
          "-Dchronicle.announcer.disable=true");

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final Process process;
  final int httpPort;

  private BufferProcess(Process process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /** Starts the buffer with {@code settings} ({@code --flag=value}) and waits for /healthz. */
  static BufferProcess start(
      String heap, List<String> jvmFlags, Path dataDir, List<String> settings)
      throws IOException, InterruptedException {
    int http = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(CHRONICLE_FLAGS);
    command.addAll(jvmFlags);
    command.addAll(
        List.of(
            "-Xmx" + heap,
            "-XX:+UseSerialGC",
            "-Djdk.httpclient.bufsize=262144", // as bin/k3j starts every k3j command
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path"),
            "io.k3j.telemetry.TelemetryBufferMain",
            "--data-dir=" + dataDir,
            "--http-listen=127.0.0.1:" + http,
            "--grpc-listen=127.0.0.1:" + freePort()));
    command.addAll(settings);
    Path log = Files.createDirectories(dataDir).resolve("buffer.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    BufferProcess buffer = new BufferProcess(process, http);
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
