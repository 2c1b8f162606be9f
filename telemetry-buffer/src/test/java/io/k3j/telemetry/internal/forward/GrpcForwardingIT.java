package io.k3j.telemetry.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.k3j.telemetry.DestinationConfig;
import io.k3j.telemetry.Durability;
import io.k3j.telemetry.ForwardProtocol;
import io.k3j.telemetry.internal.metrics.BufferMetrics;
import io.k3j.telemetry.internal.otlp.Signal;
import io.k3j.telemetry.internal.queue.AckedPositions;
import io.k3j.telemetry.internal.queue.DurableQueue;
import io.k3j.telemetry.internal.queue.QueueOptions;
import io.k3j.telemetry.internal.queue.QueueRecord;
import io.k3j.telemetry.testing.FakeGrpcCollector;
import io.k3j.telemetry.testing.Otlp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Forwarding over OTLP/gRPC to a real gRPC server, with a scheduler that does not wait")
class GrpcForwardingIT {
  @TempDir Path dir;
  final RecordingScheduler scheduler = new RecordingScheduler();
  FakeGrpcCollector upstream;
  DurableQueue queue;
  DestinationForwarder forwarder;

  void start(Function<ExportTraceServiceRequest, StatusRuntimeException> script) throws Exception {
    upstream = new FakeGrpcCollector();
    upstream.answer(script);
    queue =
        DurableQueue.open(
            new QueueOptions(
                dir.resolve("queue"),
                Durability.PROCESS,
                RollCycles.FAST_DAILY,
                1 << 20,
                SystemTimeProvider.INSTANCE));
    URI endpoint = URI.create(upstream.baseUrl());
    DestinationConfig config =
        new DestinationConfig(
            "up",
            ForwardProtocol.GRPC,
            endpoint,
            endpoint,
            endpoint,
            Map.of("x-oneuptime-token", "grpc-secret"),
            true,
            1 << 20,
            4,
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Duration.ZERO,
            Duration.ofMinutes(5));
    forwarder =
        new DestinationForwarder(
            config,
            queue,
            new AckedPositions(dir.resolve("acked")),
            new DeadLetters(dir.resolve("dead")),
            new BufferMetrics(new SimpleMeterRegistry()),
            scheduler,
            Clock.systemUTC(),
            new SplittableRandom(1));
  }

  @AfterEach
  void stop() throws Exception {
    forwarder.close();
    queue.close();
    upstream.close();
  }

  void append(String... spanNames) {
    queue.append(
        new QueueRecord(
            Signal.TRACES, false, 0, spanNames.length, Otlp.spans(spanNames).toByteArray()));
  }

  static StatusRuntimeException status(Code code, Duration retryDelay) {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage("scripted");
    if (retryDelay != null) {
      status.addDetails(
          Any.pack(
              RetryInfo.newBuilder()
                  .setRetryDelay(
                      com.google.protobuf.Duration.newBuilder().setSeconds(retryDelay.toSeconds()))
                  .build()));
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }

  static Function<ExportTraceServiceRequest, StatusRuntimeException> failFirst(
      StatusRuntimeException failure) {
    AtomicInteger calls = new AtomicInteger();
    return r -> calls.getAndIncrement() == 0 ? failure : null;
  }

  @Test
  @DisplayName("UNAVAILABLE with RetryInfo waits the server's delay, then delivers and acks")
  void retryInfoIsHonoured() throws Exception {
    start(failFirst(status(Code.UNAVAILABLE, Duration.ofSeconds(90))));

    append("grpc-retry");

    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("grpc-retry"));
    assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(90));
    await().until(() -> forwarder.ackedIndex() >= 0);
    assertThat(upstream.tokens()).containsOnly("grpc-secret");
  }

  @Test
  @DisplayName("RESOURCE_EXHAUSTED with RetryInfo is throttling: retried after the delay")
  void throttled() throws Exception {
    start(failFirst(status(Code.RESOURCE_EXHAUSTED, Duration.ofSeconds(30))));

    append("grpc-throttled");

    await()
        .untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("grpc-throttled"));
    assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(30));
    assertThat(upstream.requests()).hasSize(2);
  }

  @Test
  @DisplayName("RESOURCE_EXHAUSTED without RetryInfo means too large: split until it fits")
  void tooLargeIsSplit() throws Exception {
    start(
        r ->
            r.getResourceSpans(0).getScopeSpans(0).getSpansCount() > 1
                ? status(Code.RESOURCE_EXHAUSTED, null)
                : null);

    append("g-1", "g-2", "g-3", "g-4");

    await()
        .untilAsserted(
            () ->
                assertThat(upstream.deliveredSpanNames())
                    .containsExactlyInAnyOrder("g-1", "g-2", "g-3", "g-4"));
    await().until(() -> forwarder.ackedIndex() >= 0);
  }

  @Test
  @DisplayName("UNAUTHENTICATED pauses the destination; the data is delivered once accepted")
  void unauthenticatedPauses() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    start(r -> calls.getAndIncrement() < 2 ? status(Code.UNAUTHENTICATED, null) : null);

    append("grpc-auth");

    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("grpc-auth"));
    assertThat(scheduler.delays).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(5));
    await().untilAsserted(() -> assertThat(forwarder.status().paused()).isFalse());
  }

  @Test
  @DisplayName("INVALID_ARGUMENT is permanent: dead-lettered with the status, then acked")
  void invalidArgumentIsDeadLettered() throws Exception {
    start(r -> status(Code.INVALID_ARGUMENT, null));

    append("grpc-poison");

    await().until(() -> forwarder.ackedIndex() >= 0);
    assertThat(new DeadLetters(dir.resolve("dead")).count()).isEqualTo(1);
    assertThat(forwarder.status().lastError()).contains("INVALID_ARGUMENT");
  }
}
