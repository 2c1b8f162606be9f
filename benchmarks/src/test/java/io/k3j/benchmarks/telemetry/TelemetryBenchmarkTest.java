package io.k3j.benchmarks.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryBenchmarkTest {

  @Test
  @DisplayName("the quick mode, shortened further, produces every row with measured numbers")
  void quickRunProducesEveryRow(@TempDir Path dir) throws Exception {
    TelemetryBenchmarkConfig config =
        TelemetryBenchmarkConfig.fromArgs(
            List.of(
                "--quick",
                "--warmup=200ms",
                "--duration=700ms",
                "--senders=4",
                "--latency-senders=1",
                "--backlog-mib=24",
                "--disk-mib=16",
                "--dir=" + dir));

    TelemetryReport report = TelemetryBenchmark.run(config, message -> {});
    System.out.print(report.markdown());

    assertThat(report.rows())
        .extracting(TelemetryReport.Row::measurement)
        .containsExactly(
            "Disk: sequential writes + fdatasync",
            "Ingest, durable acks (fsync), gzip off, spans/s per core",
            "Ingest, durable acks (fsync), gzip on, spans/s per core",
            "Ingest, process-crash-safe acks, gzip off, spans/s per core",
            "Ingest, process-crash-safe acks, gzip on, spans/s per core",
            "Ingest over OTLP/gRPC, durable acks (fsync), gzip off, spans/s per core",
            "Ingest over OTLP/gRPC, durable acks (fsync), gzip on, spans/s per core",
            "Ack latency, durable, 1 sender",
            "Drain of a 24 MiB backlog",
            "RSS of the buffer, maximum");
    // On a busy machine a short ingest cell may complete no request; the rest always measures.
    assertThat(report.rows()).allSatisfy(row -> assertThat(row.value()).isNotNegative());
    assertThat(report.rows())
        .filteredOn(row -> !row.measurement().startsWith("Ingest"))
        .allSatisfy(row -> assertThat(row.value()).as(row.measurement()).isPositive());
    assertThat(report.rows())
        .allSatisfy(row -> assertThat(row.notes()).doesNotContain("refused", "error"));
    assertThat(report.markdown())
        .startsWith("| Measurement | k3j | Target | Notes |")
        .contains("≥ 100,000 spans/s per core")
        .contains("≤ 128 MB");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  @DisplayName("--quick shortens the cells; flags win; a bad or unknown setting is named")
  void settings() {
    TelemetryBenchmarkConfig quick =
        TelemetryBenchmarkConfig.fromArgs(List.of("--quick", "--senders=3"));

    assertThat(quick.duration()).hasSeconds(2);
    assertThat(quick.backlogMiB()).isEqualTo(96);
    assertThat(quick.senders()).isEqualTo(3);
    assertThat(quick.latencySenders()).containsExactly(1, 10, 100);
    assertThat(quick.childJvmFlags()).isEmpty();
    assertThat(
            TelemetryBenchmarkConfig.fromArgs(
                    List.of("--child-jvm-flags= -Xss256k  -XX:+AlwaysPreTouch "))
                .childJvmFlags())
        .containsExactly("-Xss256k", "-XX:+AlwaysPreTouch");
    // the buffer gets the launcher's heap unless the run sizes it
    assertThat(quick.childHeap()).isEqualTo("launcher");
    assertThat(quick.heapText()).isEqualTo("the launcher's heap");
    assertThat(TelemetryBenchmarkConfig.fromArgs(List.of("--child-heap=48m")).heapText())
        .isEqualTo("-Xmx48m");
    assertThatThrownBy(() -> TelemetryBenchmarkConfig.fromArgs(List.of("--child-heap=lots")))
        .hasMessageContaining("child-heap=lots");
    assertThatThrownBy(() -> TelemetryBenchmarkConfig.fromArgs(List.of("--duration=ten")))
        .hasMessageContaining("duration=ten");
    assertThat(quick.runs("drain")).isTrue();
    assertThat(TelemetryBenchmarkConfig.fromArgs(List.of("--cells=drain")).runs("ingest"))
        .isFalse();
    assertThatThrownBy(() -> TelemetryBenchmarkConfig.fromArgs(List.of("--cells=drain,dran")))
        .hasMessageContaining("dran is not one of");
    assertThatThrownBy(() -> TelemetryBenchmarkConfig.fromArgs(List.of("--sendrs=1")))
        .hasMessageContaining("unknown setting sendrs");
  }
}
