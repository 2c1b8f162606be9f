package io.k3j.registry.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Debian's docker-registry (distribution 2.8) on a free loopback port with its own storage. */
public final class DockerRegistryProcess implements AutoCloseable {
  public static final String BINARY = "/usr/bin/docker-registry";

  private final Process process;
  private final int port;
  private final boolean tls;

  public DockerRegistryProcess(Path dir) throws IOException {
    this(dir, null, null);
  }

  /** With {@code certificate} and {@code key} (PEM files) it serves HTTPS. */
  public DockerRegistryProcess(Path dir, Path certificate, Path key) throws IOException {
    this.tls = certificate != null;
    this.port = Processes.freePort();
    Path storage = Files.createDirectories(dir.resolve("storage"));
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "version: 0.1",
            "log:",
            "  level: warn",
            "storage:",
            "  filesystem:",
            "    rootdirectory: " + storage,
            "  delete:",
            "    enabled: true",
            "http:",
            "  addr: 127.0.0.1:" + port,
            tls ? "  tls:\n    certificate: " + certificate + "\n    key: " + key : "",
            ""));
    this.process =
        new ProcessBuilder(BINARY, "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    Http http = new Http(url());
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> tls ? accepts() : http.get("/v2/").statusCode() == 200);
  }

  private boolean accepts() throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return socket.isConnected();
    }
  }

  public String url() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + port;
  }

  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
