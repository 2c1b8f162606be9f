package io.k3j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher and the fat jar, run the way the README tells a user to. */
class LauncherIT {
  @TempDir Path dataDir;

  @Test
  @DisplayName("bin/k3j --help lists the subcommands; an unknown flag is named")
  void help() throws Exception {
    try (LauncherProcess help = LauncherProcess.start("--help")) {
      assertThat(help.exitCode(60)).isZero();
      assertThat(help.output()).contains("server");
    }
    try (LauncherProcess bad = LauncherProcess.start("server", "--frobnicate")) {
      assertThat(bad.exitCode(60)).isEqualTo(2);
      assertThat(bad.output()).contains("--frobnicate");
    }
  }

  @Test
  @DisplayName("bin/k3j server starts on a new data dir, stops cleanly on SIGTERM, and restarts")
  void serverLifecycle() throws Exception {
    for (int run = 0; run < 2; run++) {
      Path kubeconfig = dataDir.resolve("kubeconfig.yaml");
      try (LauncherProcess server =
          LauncherProcess.start(
              "server",
              "--data-dir",
              dataDir.toString(),
              "--https-listen-port",
              "0",
              "--bind-address",
              "127.0.0.1",
              "--write-kubeconfig",
              kubeconfig.toString())) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    server.printed("k3j server ready")
                        || !server.output().isEmpty() && server.printed("k3j server:"));
        assertThat(server.output()).contains("k3j server ready");
        try (LauncherProcess kubectl =
            LauncherProcess.start(
                "kubectl", "--kubeconfig", kubeconfig.toString(), "get", "ns", "-o", "name")) {
          assertThat(kubectl.exitCode(60)).as(kubectl.output()).isZero();
          assertThat(kubectl.output()).contains("namespace/default");
        }
        server.terminate();
        assertThat(server.exitCode(30)).isEqualTo(143);
        assertThat(server.output()).contains("datastore closed");
      }
    }
    assertThat(dataDir.resolve("server/db/state.db")).exists();
  }

  @Test
  @DisplayName("a corrupt datastore stops bin/k3j server with a message naming the file")
  void corruptDatastore() throws Exception {
    Path db = dataDir.resolve("server/db/state.db");
    Files.createDirectories(db.getParent());
    Files.writeString(db, "not a database ".repeat(1_000));

    try (LauncherProcess server =
        LauncherProcess.start(
            "server", "--data-dir", dataDir.toString(), "--https-listen-port", "0")) {
      assertThat(server.exitCode(60)).isEqualTo(1);
      assertThat(server.output()).contains(db.toString()).contains("corrupt");
    }
  }
}
