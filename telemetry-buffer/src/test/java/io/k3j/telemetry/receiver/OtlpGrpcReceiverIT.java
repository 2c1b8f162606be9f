package io.k3j.telemetry.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.k3j.telemetry.TelemetryBuffer;
import io.k3j.telemetry.TelemetryBufferConfig;
import io.k3j.telemetry.testing.Buffers;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.Otlp;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("OTLP/gRPC receiver with real gRPC client stubs")
class OtlpGrpcReceiverIT {
  @TempDir static Path dataDir;
  static FakeCollector upstream;
  static TelemetryBuffer buffer;
  static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeCollector();
    Map<String, String> config = Buffers.withDestination(dataDir, "up", upstream.baseUrl());
    config.put("max-request-size", "64KiB");
    buffer = TelemetryBuffer.start(TelemetryBufferConfig.fromMap(config));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", buffer.grpcPort()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    buffer.close();
    upstream.close();
  }

  @Test
  @DisplayName("TraceService/Export answers OK after storing; the spans reach the destination")
  void exportTraces() {
    var response =
        TraceServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(20, TimeUnit.SECONDS)
            .export(Otlp.spans("grpc-1", "grpc-2"));

    assertThat(response.hasPartialSuccess()).isFalse();
    await()
        .untilAsserted(
            () -> assertThat(upstream.deliveredSpanNames()).contains("grpc-1", "grpc-2"));
  }

  @Test
  @DisplayName("gzip-compressed gRPC requests are accepted")
  void gzipCompressed() {
    TraceServiceGrpc.newBlockingStub(channel)
        .withCompression("gzip")
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .export(Otlp.spans("grpc-gzip-1"));

    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("grpc-gzip-1"));
  }

  @Test
  @DisplayName("a message over the size limit fails with RESOURCE_EXHAUSTED")
  void tooLarge() {
    var stub = TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);

    assertThatThrownBy(() -> stub.export(Otlp.spans("x".repeat(100 * 1024))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
  }

  @Test
  @DisplayName("LogsService and MetricsService accept exports, including empty ones")
  void logsAndMetrics() {
    LogsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .export(Otlp.logs("grpc-log-1"));
    MetricsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .export(ExportMetricsServiceRequest.getDefaultInstance());

    await()
        .untilAsserted(
            () -> assertThat(upstream.delivered()).anyMatch(r -> r.path().equals("/v1/logs")));
  }
}
