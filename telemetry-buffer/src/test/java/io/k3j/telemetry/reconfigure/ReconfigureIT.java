package io.k3j.telemetry.reconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.k3j.telemetry.TelemetryBuffer;
import io.k3j.telemetry.TelemetryBufferConfig;
import io.k3j.telemetry.internal.otlp.OtlpRequests;
import io.k3j.telemetry.internal.otlp.Signal;
import io.k3j.telemetry.testing.BufferClient;
import io.k3j.telemetry.testing.Buffers;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.Otlp;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running buffer takes a new config without losing its queue, acked positions or port. */
class ReconfigureIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String PAUSED_A = "telemetry_buffer_paused\\{[^}]*destination=\"a\"";
  @TempDir Path dataDir;

  static Map<String, String> destination(Map<String, String> map, String name, String url) {
    Map<String, String> copy = new HashMap<>(map);
    Buffers.withDestination(Path.of("unused"), name, url).entrySet().stream()
        .filter(e -> e.getKey().startsWith("destination."))
        .forEach(e -> copy.put(e.getKey(), e.getValue()));
    return copy;
  }

  @Test
  @DisplayName("destinations added and removed in place; a new one starts from the retained queue")
  void addAndRemoveDestinations() throws Exception {
    try (FakeCollector a = new FakeCollector();
        FakeCollector b = new FakeCollector()) {
      Map<String, String> onlyA = destination(Buffers.config(dataDir), "a", a.baseUrl());
      try (TelemetryBuffer buffer = TelemetryBuffer.start(TelemetryBufferConfig.fromMap(onlyA))) {
        int port = buffer.httpPort();
        assertThat(BufferClient.postSpans(port, "first")).isEqualTo(200);
        await().atMost(WAIT).until(() -> a.deliveredSpanNames().contains("first"));

        buffer.reconfigure(TelemetryBufferConfig.fromMap(destination(onlyA, "b", b.baseUrl())));
        await().atMost(WAIT).until(() -> b.deliveredSpanNames().contains("first"));
        assertThat(BufferClient.postSpans(port, "second")).isEqualTo(200);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    a.deliveredSpanNames().contains("second")
                        && b.deliveredSpanNames().contains("second"));
        assertThat(a.deliveredSpanNames()).containsOnlyOnce("first");
        assertThat(buffer.scrapeMetrics()).containsPattern(PAUSED_A);

        buffer.reconfigure(
            TelemetryBufferConfig.fromMap(destination(Buffers.config(dataDir), "b", b.baseUrl())));
        assertThat(buffer.destinations()).extracting(d -> d.name()).containsExactly("b");
        assertThat(buffer.scrapeMetrics()).doesNotContainPattern(PAUSED_A);
        assertThat(BufferClient.postSpans(port, "third")).isEqualTo(200);
        await().atMost(WAIT).until(() -> b.deliveredSpanNames().contains("third"));
        assertThat(a.deliveredSpanNames()).doesNotContain("third");
        assertThat(buffer.httpPort()).isEqualTo(port);
      }
    }
  }

  @Test
  @DisplayName("budget, policy and listen address change in place; storage settings are refused")
  void budgetPolicyAndListen() throws Exception {
    try (FakeCollector a = new FakeCollector()) {
      a.down();
      Map<String, String> map = destination(Buffers.config(dataDir), "a", a.baseUrl());
      map.put("roll-cycle", "TEST_SECONDLY");
      map.put("max-request-size", "64KiB");
      try (TelemetryBuffer buffer = TelemetryBuffer.start(TelemetryBufferConfig.fromMap(map))) {
        assertThat(BufferClient.postSpans(buffer.httpPort(), "fits")).isEqualTo(200);

        Map<String, String> tiny = new HashMap<>(map);
        tiny.put("max-request-size", "128KiB");
        assertThat(buffer.restartKeys(TelemetryBufferConfig.fromMap(tiny)))
            .containsExactly("max-request-size");
        assertThatThrownBy(() -> buffer.reconfigure(TelemetryBufferConfig.fromMap(tiny)))
            .isInstanceOf(IllegalArgumentException.class);
        tiny.put("max-request-size", "64KiB");
        tiny.put("max-disk", "2MiB");
        tiny.put("full-policy", "block");
        buffer.reconfigure(TelemetryBufferConfig.fromMap(tiny));
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  BufferClient.postSpans(buffer.httpPort(), "x".repeat(2000));
                  return BufferClient.postSpans(buffer.httpPort(), "blocked") == 503;
                });

        Map<String, String> moved = new HashMap<>(map);
        moved.put("http-listen", "127.0.0.1:0");
        moved.put("grpc-listen", "127.0.0.2:0");
        int before = buffer.httpPort();
        buffer.reconfigure(TelemetryBufferConfig.fromMap(moved));
        assertThat(buffer.config().grpcListen().host()).isEqualTo("127.0.0.2");
        assertThat(BufferClient.postSpans(buffer.httpPort(), "after-move")).isEqualTo(200);
        assertThat(buffer.httpPort()).isNotEqualTo(before);
      }
    }
  }

  @Test
  @DisplayName("an http/json destination receives OTLP/JSON with hex ids and integer enums")
  void jsonDestination() throws Exception {
    try (FakeCollector collector = new FakeCollector()) {
      Map<String, String> map = destination(Buffers.config(dataDir), "j", collector.baseUrl());
      map.put("destination.j.protocol", "http/json");
      try (TelemetryBuffer buffer = TelemetryBuffer.start(TelemetryBufferConfig.fromMap(map))) {
        assertThat(BufferClient.postSpans(buffer.httpPort(), "as-json")).isEqualTo(200);
        await().atMost(WAIT).until(() -> !collector.delivered().isEmpty());
        FakeCollector.Received received = collector.delivered().get(0);
        assertThat(received.headers().get("Content-type")).containsExactly("application/json");
        String json = new String(received.body(), StandardCharsets.UTF_8);
        String traceId = HexFormat.of().formatHex(Otlp.span("as-json").getTraceId().toByteArray());
        assertThat(json).contains("\"traceId\":\"" + traceId + "\"");
        ExportTraceServiceRequest parsed =
            (ExportTraceServiceRequest) OtlpRequests.parseJson(Signal.TRACES, received.body());
        assertThat(parsed).isEqualTo(Otlp.spans("as-json"));
      }
    }
  }
}
