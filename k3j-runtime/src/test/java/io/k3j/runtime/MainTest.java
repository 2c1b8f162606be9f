package io.k3j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        .contains("kubectl");
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
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("write-kubeconfig-mode");
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
