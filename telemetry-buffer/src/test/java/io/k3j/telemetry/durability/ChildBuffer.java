package io.k3j.telemetry.durability;

import io.k3j.telemetry.testing.BufferJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The standalone buffer in a child JVM on loopback, so that a test can SIGKILL it. */
final class ChildBuffer implements AutoCloseable {
  /** Requests the child sends upstream at once. */
  static final int MAX_IN_FLIGHT = 4;

  /** Small enough that a request of one padded span travels alone in its batch. */
  static final String MAX_BATCH_SIZE = "16KiB";

  private final Process process;
  final int httpPort;

  private ChildBuffer(Process process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /**
   * Starts the child and waits until it answers /healthz. Ports are picked free beforehand, so
   * another process may take one first: then the child exits and is started again on new ports.
   */
  static ChildBuffer startHealthy(Path dataDir, String upstream, Path log) throws IOException {
    for (int attempt = 1; ; attempt++) {
      ChildBuffer child = start(dataDir, upstream, log);
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> child.healthy() || !child.process.isAlive());
      if (child.process.isAlive() || attempt == 3) {
        return child;
      }
    }
  }

  private static ChildBuffer start(Path dataDir, String upstream, Path log) throws IOException {
    int http = freePort();
    int grpc = freePort();
    List<String> command =
        BufferJvm.command(
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
            List.of(
                "--data-dir=" + dataDir,
                "--http-listen=127.0.0.1:" + http,
                "--grpc-listen=127.0.0.1:" + grpc,
                "--endpoint=" + upstream,
                "--max-disk=256MiB",
                "--set=min-free-disk=0",
                "--set=destination.upstream-1.max-in-flight=" + MAX_IN_FLIGHT,
                "--set=destination.upstream-1.max-batch-size=" + MAX_BATCH_SIZE,
                "--set=destination.upstream-1.initial-backoff-ms=20",
                "--set=destination.upstream-1.max-backoff-ms=100"));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ChildBuffer(process, http);
  }

  boolean healthy() {
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: no shutdown hook, no flush, like a power cut for the process. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
