package io.k3j.registry.it.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.registry.RegistryCommand;
import io.k3j.registry.testing.Http;
import io.k3j.registry.testing.Processes;
import io.k3j.registry.testing.TestImage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone main as its own JVM process, started from flags. */
class RegistryCommandIT {
  @TempDir Path dir;
  Process process;

  @AfterEach
  void stop() throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  @DisplayName(
      "the main class starts from flags with its upstream unreachable, serves pushes, writes mirror config, and stops on SIGTERM")
  void standalone() throws Exception {
    int port = Processes.freePort();
    int deadUpstream;
    try (ServerSocket unused = new ServerSocket(0)) {
      deadUpstream = unused.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    RegistryCommand.class.getName(),
                    "--listen",
                    "127.0.0.1:" + port,
                    "--data-dir",
                    dir.resolve("data").toString(),
                    "--upstream",
                    "http://127.0.0.1:" + deadUpstream,
                    "--upstream",
                    "docker.io=http://127.0.0.1:" + deadUpstream,
                    "--max-disk",
                    "1Gi",
                    "--mirror-config-dir",
                    dir.resolve("mirror").toString(),
                    "--advertise-url",
                    "http://10.0.0.5:" + port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    Http http = new Http("http://127.0.0.1:" + port);
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> http.get("/healthz").statusCode() == 200);

    TestImage image = TestImage.build(1, 1, 1000);
    http.pushImage("site/app", "v1", image);
    assertThat(http.get("/v2/site/app/manifests/v1").body()).isEqualTo(image.manifest());
    assertThat(dir.resolve("mirror/certs.d/docker.io/hosts.toml"))
        .content()
        .contains("http://10.0.0.5:" + port);
    assertThat(Files.readString(dir.resolve("mirror/registries.yaml"))).contains("\"docker.io\":");

    process.destroy();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    process = null;
  }
}
