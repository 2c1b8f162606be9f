package io.k3j.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A private containerd (Debian's package; needs root) with its own root, state and socket under
 * {@code dir}, and {@code ctr} against it.
 */
public final class Containerd implements AutoCloseable {
  private final Path dir;
  private final Path socket;
  private final Process process;

  public Containerd(Path dir) throws IOException {
    assertThat(Path.of("/usr/bin/containerd"))
        .as("containerd is installed (bin/test installs it)")
        .isExecutable();
    assertThat(System.getProperty("user.name"))
        .as("containerd needs root: run the tests as root, as CI does")
        .isEqualTo("root");
    this.dir = dir;
    this.socket = dir.resolve("c.sock");
    Path config = dir.resolve("containerd.toml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "version = 2",
            "root = \"" + dir.resolve("root") + "\"",
            "state = \"" + dir.resolve("state") + "\"",
            "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
            "[grpc]",
            "  address = \"" + socket + "\"",
            ""));
    this.process =
        new ProcessBuilder("containerd", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("containerd.log").toFile())
            .start();
    await().atMost(Duration.ofSeconds(30)).until(() -> ctr("version").exitCode() == 0);
  }

  /** Runs {@code ctr -a <socket> args...}. */
  public Processes.Result ctr(String... args) {
    String[] command = new String[args.length + 3];
    command[0] = "ctr";
    command[1] = "-a";
    command[2] = socket.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    return Processes.run(dir, command);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
