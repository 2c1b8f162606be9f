package io.k3j.telemetry.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.k3j.telemetry.TelemetryBuffer;
import io.k3j.telemetry.TelemetryBufferConfig;
import io.k3j.telemetry.testing.BufferClient;
import io.k3j.telemetry.testing.Buffers;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.FakeCollector.Answer;
import io.k3j.telemetry.testing.Otlp;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Disk budget policies with one-second cycle files and a controlled clock")
class DiskBudgetIT {
  @TempDir Path dataDir;
  final SetTimeProvider time = new SetTimeProvider(1_700_000_000_000_000_000L);
  FakeCollector upstream;
  TelemetryBuffer buffer;

  @AfterEach
  void stop() throws Exception {
    if (buffer != null) {
      buffer.close();
      upstream.close();
    }
  }

  static final String PAD = "-" + "p".repeat(600);

  void start(String policy) throws Exception {
    start(policy, Map.of());
  }

  void start(String policy, Map<String, String> extra) throws Exception {
    upstream = new FakeCollector();
    upstream.answer(r -> Answer.status(503));
    Map<String, String> config = Buffers.withDestination(dataDir, "up", upstream.baseUrl());
    config.put("max-request-size", "64KiB");
    config.put("roll-cycle", "TEST_SECONDLY");
    config.put("max-disk", "3MiB");
    config.put("full-policy", policy);
    config.put("retry-after-seconds", "7");
    // one record per request and one request in flight: at most two records held in memory
    config.put("destination.up.max-in-flight", "1");
    config.put("destination.up.max-batch-size", "1KiB");
    config.putAll(extra);
    buffer = TelemetryBuffer.start(TelemetryBufferConfig.fromMap(config), time, Clock.systemUTC());
  }

  long cycleFiles() throws Exception {
    try (Stream<Path> files = Files.list(dataDir.resolve("queue"))) {
      return files.filter(p -> p.toString().endsWith(".cq4")).count();
    }
  }

  @Test
  @DisplayName("block: when full, HTTP gets 503 + Retry-After and gRPC UNAVAILABLE + RetryInfo")
  void blockRefusesWithRetryHints() throws Exception {
    start("block");
    HttpResponse<byte[]> refused = null;
    for (int second = 0; second < 10 && refused == null; second++) {
      HttpResponse<byte[]> response =
          BufferClient.post(buffer.httpPort(), "/v1/traces", Otlp.spans("block-" + second));
      if (response.statusCode() != 200) {
        refused = response;
      }
      time.advanceMillis(1000);
    }

    assertThat(refused).isNotNull();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("7");
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", buffer.grpcPort()).usePlaintext().build();
    try {
      var stub = TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
      assertThatThrownBy(() -> stub.export(Otlp.spans("block-grpc")))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                var details = StatusProto.fromThrowable(e).getDetailsList();
                assertThat(details).anyMatch(d -> d.is(RetryInfo.class));
              });
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(buffer.destinations().get(0).ackedIndex()).isNegative();
  }

  @Test
  @DisplayName(
      "free-space headroom: with less free space on the volume than min-free-disk, both policies"
          + " refuse with 503 before writing, instead of running the volume full")
  void freeSpaceHeadroom() throws Exception {
    // more than the whole volume: other processes freeing space meanwhile cannot make it fit
    long beyond = Files.getFileStore(dataDir).getTotalSpace() + (1L << 30);
    for (String policy : new String[] {"block", "drop-oldest"}) {
      start(policy, Map.of("min-free-disk", Long.toString(beyond)));

      HttpResponse<byte[]> response =
          BufferClient.post(buffer.httpPort(), "/v1/traces", Otlp.spans("no-room-" + policy));

      assertThat(response.statusCode()).as(policy).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("7");
      assertThat(buffer.scrapeMetrics())
          .contains("telemetry_buffer_refused_items_total{reason=\"full\",signal=\"traces\"} 1.0");
      stop();
    }
    buffer = null;
  }

  @Test
  @DisplayName(
      "drop-oldest: new data keeps being accepted, the oldest cycle file goes, drops are counted")
  void dropOldestKeepsAccepting() throws Exception {
    start("drop-oldest");

    for (int second = 0; second < 8; second++) {
      assertThat(BufferClient.postSpans(buffer.httpPort(), "drop-" + second + PAD)).isEqualTo(200);
      time.advanceMillis(1000);
    }

    assertThat(cycleFiles()).isLessThanOrEqualTo(3);
    assertThat(buffer.scrapeMetrics())
        .containsPattern("telemetry_buffer_dropped_files_total [1-9]")
        .containsPattern("telemetry_buffer_dropped_items_total\\{signal=\"traces\"} [1-9]")
        .containsPattern("telemetry_buffer_dropped_bytes_total\\{signal=\"traces\"} [1-9]");
    upstream.answer(r -> Answer.ok());
    await()
        .untilAsserted(
            () ->
                assertThat(upstream.deliveredSpanNames()).contains("drop-6" + PAD, "drop-7" + PAD));
    // a request in flight when its file was dropped is still delivered from memory; the rest of
    // the dropped files is gone
    assertThat(upstream.deliveredSpanNames()).hasSizeLessThanOrEqualTo(5);
  }
}
