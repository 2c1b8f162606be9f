package io.k3j.benchmarks.registry;

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
 * A registry under test in its own process on a free loopback port: Debian's docker-registry
 * (distribution 2.8) as a plain registry or a pull-through proxy, or local-registry started from
 * its standalone main in a separate JVM, so both sides run the same way.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Process process;
  private final Path log;
  private final String url;

  private ServerProcess(String name, List<String> command, Path dir, int port)
      throws IOException, InterruptedException {
    this.name = name;
    this.url = "http://127.0.0.1:" + port;
    this.log = dir.resolve("process.log");
    this.process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitReady();
  }

  /**
   * docker-registry with its storage in {@code dir}; a proxy of {@code remote} unless null. Access
   * logging stays on only for a plain registry, whose log counts the blobs it serves.
   */
  static ServerProcess dockerRegistry(Path dir, String remote)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = freePort();
    List<String> config = new ArrayList<>();
    config.addAll(
        List.of(
            "version: 0.1",
            "log:",
            "  level: error",
            "  accesslog:",
            "    disabled: " + (remote != null),
            "storage:",
            "  filesystem:",
            "    rootdirectory: " + dir.resolve("storage"),
            "  delete:",
            "    enabled: true",
            "  cache:",
            "    blobdescriptor: inmemory",
            "http:",
            "  addr: 127.0.0.1:" + port));
    if (remote != null) {
      config.addAll(List.of("proxy:", "  remoteurl: " + remote));
    }
    Path file = Files.write(dir.resolve("config.yml"), config);
    return new ServerProcess(
        remote == null ? "docker-registry" : "docker-registry proxy",
        List.of("/usr/bin/docker-registry", "serve", file.toString()),
        dir,
        port);
  }

  /** local-registry with its data in {@code dir} and {@code upstream} as its default upstream. */
  static ServerProcess localRegistry(Path dir, String upstream)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ServerProcess(
        "local-registry",
        List.of(
            java,
            "-Xmx512m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path"),
            "io.k3j.registry.RegistryCommand",
            "--listen",
            "127.0.0.1:" + port,
            "--data-dir",
            dir.resolve("data").toString(),
            "--upstream",
            upstream),
        dir,
        port);
  }

  String name() {
    return name;
  }

  String url() {
    return url;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Lines of the process output that contain {@code text} (the access log of docker-registry). */
  long logLines(String text) throws IOException {
    try (var lines = Files.lines(log)) {
      return lines.filter(line -> line.contains(text)).count();
    }
  }

  /** The process output, for error messages. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited at start:\n" + output());
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    close();
    throw new IllegalStateException(
        name + " did not answer within " + START_TIMEOUT + ":\n" + output());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
