package io.k3j.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegistryCommandTest {
  @TempDir Path dir;

  @Test
  @DisplayName("flags and the config file form one settings surface; flags win over the file")
  void flagsOverFile() throws Exception {
    Path file = dir.resolve("registry.properties");
    Files.writeString(file, "listen=127.0.0.1:6000\nmax-disk=1Gi\nread-only=true\n");
    RegistryCommand command = new RegistryCommand();
    new CommandLine(command)
        .parseArgs(
            "--config",
            file.toString(),
            "--data-dir",
            dir.toString(),
            "--listen",
            "127.0.0.1:7000",
            "--upstream",
            "https://registry-1.docker.io",
            "--upstream",
            "ghcr.io=https://ghcr.io",
            "--upstream-credentials",
            "ghcr.io=bot:s3cret:x",
            "--read-only=false");

    RegistryConfig config = RegistryConfig.fromMap(command.settings());

    assertThat(config.listenPort()).isEqualTo(7000);
    assertThat(config.maxDiskBytes()).isEqualTo(1L << 30);
    assertThat(config.readOnly()).isFalse();
    assertThat(config.defaultUpstream()).contains("registry-1.docker.io");
    assertThat(config.upstreams().get("ghcr.io").password()).contains("s3cret:x");
  }

  @Test
  @DisplayName("a bad flag value exits with status 2 and a message naming the key")
  void badValueExitCode() {
    int status =
        new CommandLine(new RegistryCommand())
            .execute("--data-dir", dir.toString(), "--max-disk", "huge");
    assertThat(status).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "a port in use or an unreadable --config file ends the command with a status, not a stack trace")
  void startFailures() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      int status =
          new CommandLine(new RegistryCommand())
              .execute(
                  "--data-dir",
                  dir.resolve("data").toString(),
                  "--listen",
                  "127.0.0.1:" + taken.getLocalPort());
      assertThat(status).isEqualTo(1);
    }
    int status =
        new CommandLine(new RegistryCommand())
            .execute("--data-dir", dir.toString(), "--config", dir.resolve("missing").toString());
    assertThat(status).isEqualTo(2);
  }
}
