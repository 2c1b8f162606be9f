package io.k3j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;
  @TempDir Path dir;

  @BeforeEach
  void capture() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  @Test
  @DisplayName("k3j --help lists the subcommands")
  void helpListsSubcommands() {
    assertThat(Main.run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: k3j")
        .contains("server")
        .contains("kubectl")
        .contains("registry")
        .contains("telemetry-buffer")
        .contains("system-upgrade-controller");
  }

  @Test
  @DisplayName(
      "k3j system-upgrade-controller takes its settings from flags over the environment, and a"
          + " bad --metrics-listen exits 2 naming the setting")
  void systemUpgradeController() {
    assertThat(Main.run("system-upgrade-controller", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--kubeconfig", "--metrics-listen", "SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS");
    assertThat(
            Main.run(
                "system-upgrade-controller",
                "--name",
                "suc",
                "--namespace",
                "system-upgrade",
                "--metrics-listen",
                "8080"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("SYSTEM_UPGRADE_CONTROLLER_METRICS_ADDRESS=\"8080\" is invalid");
  }

  @Test
  @DisplayName("k3j registry and k3j telemetry-buffer run the standalone operators' data paths")
  void standaloneSubcommands() {
    assertThat(Main.run("registry", "--help")).isZero();
    assertThat(Main.run("telemetry-buffer", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--upstream", "--max-disk", "--read-only")
        .contains("--endpoint", "--full-policy");
  }

  @Test
  @DisplayName("an unknown flag fails with a message naming the flag")
  void unknownFlag() {
    assertThat(Main.run("server", "--no-such-flag")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--no-such-flag");
  }

  @Test
  @DisplayName("a bad kubeconfig mode is refused at start-up naming the flag")
  void badKubeconfigMode() {
    assertThat(Main.run("server", "--data-dir", dir.toString(), "--write-kubeconfig-mode", "rw"))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("write-kubeconfig-mode rw")
        .contains("(from --write-kubeconfig-mode)");
  }

  @Test
  @DisplayName("a port that is not a number is a usage error of the command line")
  void portNotANumber() {
    assertThat(Main.run("server", "--https-listen-port", "http")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--https-listen-port");
  }

  @Test
  @DisplayName("an unknown key in the config file stops k3j server with exit 1 naming file and key")
  void unknownConfigKey() throws IOException {
    Path config = Files.writeString(dir.resolve("config.yaml"), "tls-sans: [a]\n");

    assertThat(Main.run("server", "--config", config.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("k3j server: " + config + ":1: unknown key tls-sans");
  }

  @Test
  @DisplayName("k3j server --help documents every flag and its environment variable")
  void serverHelpListsEveryFlag() {
    assertThat(Main.run("server", "--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    for (ServerFlag flag : ServerFlags.ALL) {
      assertThat(help).contains("--" + flag.name());
      if (flag.environment() != null) {
        assertThat(help).contains("[$" + flag.environment() + "]");
      }
    }
    assertThat(help).contains("Config file:").contains("key+:");
  }

  @Test
  @DisplayName("a datastore endpoint with an unknown scheme stops the server with a message")
  void badEndpoint() {
    assertThat(
            Main.run("server", "--data-dir", dir.toString(), "--datastore-endpoint", "mysql://x"))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unsupported datastore endpoint");
  }
}
