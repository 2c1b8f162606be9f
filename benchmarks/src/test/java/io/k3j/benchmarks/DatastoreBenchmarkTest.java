package io.k3j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreBenchmarkTest {

  @Test
  @DisplayName("a tiny run produces every row of the table with measured numbers")
  void tinyRunProducesEveryRow(@TempDir Path dir) throws Exception {
    // Not 16 and 64 writers: draining 64 naive SQLite writers that queue on the lock alone takes
    // seconds on a busy 2-core machine, and the row shapes are the same for any count.
    BenchmarkConfig config =
        BenchmarkConfig.fromMap(
            Map.ofEntries(
                Map.entry("writers", "1,4"),
                Map.entry("warmup", "20ms"),
                Map.entry("duration", "150ms"),
                Map.entry("watch-writes", "20"),
                Map.entry("list-keys", "500"),
                Map.entry("list-runs", "2"),
                Map.entry("page-limit", "100"),
                Map.entry("compaction-revisions", "3000"),
                Map.entry("idle", "300ms"),
                Map.entry("dir", dir.toString())));

    Report report = DatastoreBenchmark.run(config, message -> {});

    assertThat(report.rows())
        .extracting(Report.Row::measurement)
        .containsExactly(
            "Durable creates, 1 writer",
            "Durable creates, 4 writers",
            "Durable updates, 1 writer",
            "Durable updates, 4 writers",
            "Watch: submit → delivery, p50 (100 watchers)",
            "Watch: submit → delivery, p99 (100 watchers)",
            "Watch: write submit → ack, p50",
            "Watch: write submit → ack, p99",
            "Watch: delivery − ack, p50 (≈ commit → watch)",
            "Watch: delivery − ack, p99 (≈ commit → watch)",
            "List 500 keys, one call, p50",
            "List 500 keys, pages of 100, p50",
            "Compaction: longest step holding the writer",
            "Compaction: a writer's ack p99 during compaction",
            "Disk writes per idle minute",
            "Datastore files changed while idle");
    for (Report.Row row : report.rows()) {
      String name = row.measurement();
      if (name.startsWith("Durable")) {
        assertThat(row.value()).as(name).isPositive();
        assertThat(row.baseline()).as(name + " baseline").isPositive();
        assertThat(row.ratio()).as(name + " ratio").isPositive();
      } else if (name.contains("delivery − ack")) {
        // The watch may get the event before the future completes: any finite value is a result.
        assertThat(row.value()).as(name).isFinite();
      } else if (name.contains("idle")) {
        // Zero is the target here, so only check that something was measured.
        assertThat(row.value()).as(name).isNotNegative();
      } else {
        assertThat(row.value()).as(name).isPositive();
      }
    }
    assertThat(report.markdown())
        .startsWith("| Measurement | k3j | Naive SQLite | k3j / naive | Target | Notes |")
        .contains("| Durable creates, 4 writers |")
        .contains("p99 ≤ 2 ms")
        .contains("Naive SQLite: sqlite-jdbc");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  @DisplayName("flags override system properties, --quick and the defaults")
  void flagsOverridePropertiesAndPresets() {
    Properties system = new Properties();
    system.setProperty("k3j.bench.idle", "7s");
    system.setProperty("k3j.bench.watchers", "12");

    BenchmarkConfig config =
        BenchmarkConfig.fromArgs(List.of("--quick", "--watchers=3", "--writers=2,4"), system);

    assertThat(config.duration()).hasSeconds(2);
    assertThat(config.idle()).hasSeconds(7);
    assertThat(config.watchers()).isEqualTo(3);
    assertThat(config.writers()).containsExactly(2, 4);
    assertThat(config.listKeys()).isEqualTo(10_000);
  }

  @Test
  @DisplayName("a bad or unknown setting fails with a message naming it")
  void badSettingIsNamed() {
    assertThatThrownBy(() -> BenchmarkConfig.fromMap(Map.of("duration", "ten")))
        .hasMessageContaining("duration=ten");
    assertThatThrownBy(() -> BenchmarkConfig.fromMap(Map.of("writers", "1,0")))
        .hasMessageContaining("writers");
    assertThatThrownBy(() -> BenchmarkConfig.fromArgs(List.of("--durration=1s"), new Properties()))
        .hasMessageContaining("unknown setting durration");
  }
}
