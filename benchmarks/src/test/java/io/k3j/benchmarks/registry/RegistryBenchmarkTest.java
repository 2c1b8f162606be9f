package io.k3j.benchmarks.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryBenchmarkTest {

  @Test
  @DisplayName(
      "the --quick run against real docker-registry processes produces every row, with verified blobs and one upstream fetch per blob")
  void quickRunProducesEveryRow(@TempDir Path dir) throws Exception {
    RegistryBenchmarkConfig config =
        RegistryBenchmarkConfig.fromArgs(
            List.of("--quick", "--verify-digests=true", "--dir=" + dir), new Properties());

    RegistryReport report = RegistryBenchmark.run(config, message -> {});

    String herd = "8 clients, one cold image (4 layers of 1 MiB): ";
    String floor = "CPU-bound floor on " + Runtime.getRuntime().availableProcessors() + " cores";
    assertThat(report.rows())
        .extracting(RegistryReport.Row::measurement)
        .containsExactly(
            "Cold pull through the cache, 1 layer of 64 MiB",
            floor + ", cold pull, 1 layer of 64 MiB",
            "Cold pull through the cache with curl, 1 layer of 64 MiB",
            floor + ", cold pull with curl, 1 layer of 64 MiB",
            "Cached pull, 1 layer of 64 MiB",
            "Cached pull with curl, 1 layer of 64 MiB",
            "Cold pull through the cache, 20 layers of 0.3 MiB",
            floor + ", cold pull, 20 layers of 0.3 MiB",
            "Cold pull through the cache with curl, 20 layers of 0.3 MiB",
            floor + ", cold pull with curl, 20 layers of 0.3 MiB",
            "Cached pull, 20 layers of 0.3 MiB",
            "Cached pull with curl, 20 layers of 0.3 MiB",
            herd + "upstream fetches per blob",
            herd + "until every client has it",
            "Cached tag with the upstream stopped, p50",
            "Cached tag with the upstream stopped, p99",
            "Cached tag with the upstream stopped, max");
    for (RegistryReport.Row row : report.rows()) {
      assertThat(row.ours()).as(row.measurement()).isPositive();
      assertThat(row.theirs()).as(row.measurement() + ", docker-registry").isPositive();
    }
    assertThat(report.row(herd + "upstream fetches per blob").ours()).isEqualTo(1.0);
    assertThat(report.markdown()).contains("| Cached pull, 1 layer of 64 MiB |");
    assertThat(report.row("Cached pull, 1 layer of 64 MiB").notes())
        .matches(".*CPU s per GiB, cache \\+ client: local \\d+\\.\\d\\d \\+ \\d+\\.\\d\\d, .*");
    assertThat(report.row("Cached pull with curl, 1 layer of 64 MiB").notes())
        .as("curl's own CPU is counted once it has exited")
        .matches(
            ".*of the client, curl: (?!0\\.00)\\d+\\.\\d\\d and (?!0\\.00)\\d+\\.\\d\\d\\); .*")
        .contains("throughput against the JDK client: local ");
    String perGib = "upstream (?!0\\.00)\\d+\\.\\d\\d \\+ ";
    String client = "client (?!0\\.00)\\d+\\.\\d\\d = \\d+\\.\\d\\d";
    String cache = "cache (?!0\\.00)\\d+\\.\\d\\d \\+ ";
    assertThat(report.row(floor + ", cold pull with curl, 1 layer of 64 MiB").notes())
        .as("each process that served or received the pull is counted, curl once it has exited")
        .matches(
            "direct pull's floor \\d+\\.\\d\\d s; floors local / direct \\d+\\.\\d\\d×"
                + " \\(measured \\d+\\.\\d\\d×\\); CPU s per GiB: direct "
                + perGib
                + client
                + "; through local "
                + perGib
                + cache
                + client
                + "; through docker "
                + perGib
                + cache
                + client);
    try (var left = Files.list(dir)) {
      assertThat(left).as("the run deletes its data").isEmpty();
    }
  }

  @Test
  @DisplayName(
      "--cells=cached,offline fills both caches without measuring the cold pulls and runs no herd")
  void someCells(@TempDir Path dir) throws Exception {
    RegistryBenchmarkConfig config =
        RegistryBenchmarkConfig.fromArgs(
            List.of("--quick", "--cells=cached,offline", "--dir=" + dir), new Properties());

    RegistryReport report = RegistryBenchmark.run(config, message -> {});

    assertThat(report.rows())
        .extracting(RegistryReport.Row::measurement)
        .containsExactly(
            "Cached pull, 1 layer of 64 MiB",
            "Cached pull with curl, 1 layer of 64 MiB",
            "Cached pull, 20 layers of 0.3 MiB",
            "Cached pull with curl, 20 layers of 0.3 MiB",
            "Cached tag with the upstream stopped, p50",
            "Cached tag with the upstream stopped, p99",
            "Cached tag with the upstream stopped, max");
  }

  @Test
  @DisplayName(
      "--quick, system properties and flags merge in that order; bad values name their key")
  void settings() {
    Properties system = new Properties();
    system.setProperty("k3j.bench.clients", "7");
    RegistryBenchmarkConfig config =
        RegistryBenchmarkConfig.fromArgs(List.of("--quick", "--layers=3"), system);
    assertThat(config.bigBytes()).isEqualTo(64L << 20);
    assertThat(config.clients()).isEqualTo(7);
    assertThat(config.layers()).isEqualTo(3);
    assertThat(RegistryBenchmarkConfig.fromMap(Map.of()).bigBytes()).isEqualTo(1L << 30);
    assertThatThrownBy(() -> RegistryBenchmarkConfig.fromMap(Map.of("big-bytes", "huge")))
        .hasMessageContaining("big-bytes");
    assertThatThrownBy(() -> RegistryBenchmarkConfig.fromMap(Map.of("nope", "1")))
        .hasMessageContaining("unknown setting nope");
  }

  @Test
  @DisplayName("every cell runs by default; --cells= picks some and names one it does not know")
  void cells() {
    assertThat(RegistryBenchmarkConfig.fromMap(Map.of()).cells())
        .containsExactlyInAnyOrder("cold", "cached", "herd", "offline");
    RegistryBenchmarkConfig cached =
        RegistryBenchmarkConfig.fromArgs(List.of("--cells=cached, offline"), new Properties());
    assertThat(cached.runs("cached")).isTrue();
    assertThat(cached.runs("offline")).isTrue();
    assertThat(cached.runs("cold")).isFalse();
    assertThat(cached.runs("herd")).isFalse();
    assertThatThrownBy(() -> RegistryBenchmarkConfig.fromMap(Map.of("cells", "cached,warm")))
        .hasMessageContaining("warm is not one of");
  }
}
