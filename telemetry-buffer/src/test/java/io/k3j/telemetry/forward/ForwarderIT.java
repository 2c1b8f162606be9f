package io.k3j.telemetry.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.telemetry.TelemetryBuffer;
import io.k3j.telemetry.TelemetryBufferConfig;
import io.k3j.telemetry.testing.BufferClient;
import io.k3j.telemetry.testing.Buffers;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.FakeCollector.Answer;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Forwarder against a scripted upstream collector")
class ForwarderIT {
  @TempDir Path dataDir;
  FakeCollector upstream;
  TelemetryBuffer buffer;

  TelemetryBuffer start(Map<String, String> extra) throws Exception {
    upstream = upstream == null ? new FakeCollector() : upstream;
    Map<String, String> config = Buffers.withDestination(dataDir, "up", upstream.baseUrl());
    config.putAll(extra);
    buffer = TelemetryBuffer.start(TelemetryBufferConfig.fromMap(config));
    return buffer;
  }

  @AfterEach
  void stop() throws Exception {
    if (buffer != null) {
      buffer.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  @DisplayName("429, 502, 503 and 504 are retried until accepted; the acked index then advances")
  void transientFailuresAreRetried() throws Exception {
    upstream = new FakeCollector();
    AtomicInteger calls = new AtomicInteger();
    int[] script = {429, 502, 503, 504};
    upstream.answer(
        r -> {
          int n = calls.getAndIncrement();
          return n < script.length ? Answer.status(script[n]) : Answer.ok();
        });
    start(Map.of());

    assertThat(BufferClient.postSpans(buffer.httpPort(), "retry-1")).isEqualTo(200);

    await()
        .untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).containsExactly("retry-1"));
    assertThat(upstream.requests()).hasSize(5);
    await()
        .untilAsserted(() -> assertThat(buffer.destinations().get(0).ackedIndex()).isNotNegative());
  }

  @Test
  @DisplayName("a destination refusing connections is retried until it listens again")
  void connectionRefusedIsRetried() throws Exception {
    upstream = new FakeCollector();
    upstream.down();
    start(Map.of());

    assertThat(BufferClient.postSpans(buffer.httpPort(), "refused-1")).isEqualTo(200);

    await().until(() -> buffer.scrapeMetrics().contains("telemetry_buffer_retries_total"));
    assertThat(buffer.destinations().get(0).lastError()).contains("ConnectException");
    upstream.up();
    await()
        .untilAsserted(
            () -> assertThat(upstream.deliveredSpanNames()).containsExactly("refused-1"));
  }

  @Test
  @DisplayName("a destination slower than timeout-ms is retried; the late answer is a duplicate")
  void slowDestinationTimesOut() throws Exception {
    upstream = new FakeCollector();
    CountDownLatch retried = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    upstream.answer(
        r -> {
          if (calls.getAndIncrement() == 0) {
            try {
              retried.await(20, TimeUnit.SECONDS); // held until the buffer has given up on it
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          } else {
            retried.countDown();
          }
          return Answer.ok();
        });
    start(Map.of("destination.up.timeout-ms", "300"));

    BufferClient.postSpans(buffer.httpPort(), "slow-1");

    await()
        .untilAsserted(
            () -> assertThat(upstream.deliveredSpanNames()).containsExactly("slow-1", "slow-1"));
    assertThat(buffer.destinations().get(0).lastError()).contains("Timeout");
    await().until(() -> buffer.destinations().get(0).ackedIndex() >= 0);
  }

  @Test
  @DisplayName("a partial success is final: not retried, rejected items are counted")
  void partialSuccessIsFinal() throws Exception {
    upstream = new FakeCollector();
    byte[] partial =
        ExportTraceServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(1)
                    .setErrorMessage("bad span"))
            .build()
            .toByteArray();
    upstream.answer(r -> new Answer(200, Map.of(), "application/x-protobuf", partial));
    start(Map.of());

    BufferClient.postSpans(buffer.httpPort(), "partial-1", "partial-2");

    await()
        .untilAsserted(
            () ->
                assertThat(buffer.scrapeMetrics())
                    .contains(
                        "telemetry_buffer_rejected_items_total{destination=\"up\",signal=\"traces\"} 1.0"));
    assertThat(upstream.requests()).hasSize(1);
  }

  @Test
  @DisplayName("413 splits the request and resends the halves; every item arrives")
  void tooLargeIsSplit() throws Exception {
    upstream = new FakeCollector();
    upstream.answer(
        r ->
            io.k3j.telemetry.testing.Otlp.spanNames(r.body()).size() > 2
                ? Answer.status(413)
                : Answer.ok());
    start(Map.of());
    String[] names = IntStream.range(0, 7).mapToObj(i -> "split-" + i).toArray(String[]::new);

    BufferClient.postSpans(buffer.httpPort(), names);

    await()
        .untilAsserted(
            () -> assertThat(upstream.deliveredSpanNames()).containsExactlyInAnyOrder(names));
  }

  @Test
  @DisplayName("401 pauses the destination and keeps the data; it resumes once accepted again")
  void unauthorizedPauses() throws Exception {
    upstream = new FakeCollector();
    upstream.answer(r -> Answer.status(401));
    start(Map.of());

    BufferClient.postSpans(buffer.httpPort(), "auth-1");

    await().untilAsserted(() -> assertThat(buffer.destinations().get(0).paused()).isTrue());
    assertThat(buffer.destinations().get(0).lastError()).contains("401");
    upstream.answer(r -> Answer.ok());
    await()
        .untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).containsExactly("auth-1"));
    await().untilAsserted(() -> assertThat(buffer.destinations().get(0).paused()).isFalse());
  }

  @Test
  @DisplayName(
      "a permanent error (400) moves the request to the dead-letter folder with the answer")
  void permanentErrorIsDeadLettered() throws Exception {
    upstream = new FakeCollector();
    upstream.answer(
        r ->
            io.k3j.telemetry.testing.Otlp.spanNames(r.body()).contains("poison")
                ? new Answer(
                    400, Map.of(), "text/plain", "no thanks".getBytes(StandardCharsets.UTF_8))
                : Answer.ok());
    start(Map.of("destination.up.max-batch-size", "1KiB"));

    BufferClient.postSpans(buffer.httpPort(), "poison");
    BufferClient.postSpans(buffer.httpPort(), "after-poison");

    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("after-poison"));
    Path folder = dataDir.resolve("dead-letters").resolve("up");
    await()
        .untilAsserted(
            () -> {
              try (Stream<Path> files = Files.list(folder)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).anyMatch(n -> n.endsWith(".traces.pb"));
                assertThat(names).anyMatch(n -> n.endsWith(".response.txt"));
              }
            });
    try (Stream<Path> files = Files.list(folder)) {
      Path response = files.filter(p -> p.toString().endsWith(".txt")).findFirst().orElseThrow();
      assertThat(Files.readString(response)).contains("400").contains("no thanks");
    }
    assertThat(buffer.scrapeMetrics())
        .contains("telemetry_buffer_dead_letter_files{destination=\"up\"} 1.0")
        .contains(
            "telemetry_buffer_dead_lettered_items_total{destination=\"up\",signal=\"traces\"} 1.0");
  }

  @Test
  @DisplayName(
      "OneUptime: token header is sent, 200 with {} is success, batches stay under the limit")
  void oneUptimeStyle() throws Exception {
    upstream = new FakeCollector();
    upstream.answer(
        r ->
            new Answer(
                200,
                Map.of(),
                "application/json; charset=utf-8",
                "{}".getBytes(StandardCharsets.UTF_8)));
    start(
        Map.of(
            "destination.up.header.x-oneuptime-token", "secret-token",
            "destination.up.max-batch-size", "4KiB"));
    String[] names =
        IntStream.range(0, 40)
            .mapToObj(i -> "ou-" + i + "-" + "x".repeat(200))
            .toArray(String[]::new);

    for (String name : names) {
      assertThat(BufferClient.postSpans(buffer.httpPort(), name)).isEqualTo(200);
    }

    await()
        .untilAsserted(
            () -> assertThat(upstream.deliveredSpanNames()).containsExactlyInAnyOrder(names));
    assertThat(upstream.requests())
        .allSatisfy(
            r -> {
              assertThat(r.headers().get("X-oneuptime-token")).containsExactly("secret-token");
              assertThat(r.body().length).isLessThanOrEqualTo(4096);
            });
    assertThat(upstream.requests().size()).isLessThan(names.length);
  }

  @Test
  @DisplayName(
      "a stop waits for the request on the wire and acks its answer: nothing is resent after a"
          + " restart")
  void stopDrainsRequestsInFlight() throws Exception {
    upstream = new FakeCollector();
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    upstream.answer(
        r -> {
          if (calls.getAndIncrement() == 0) {
            arrived.countDown();
            try {
              release.await(20, TimeUnit.SECONDS); // answered only once the stop has begun
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return Answer.ok();
        });
    start(Map.of());
    BufferClient.postSpans(buffer.httpPort(), "on-the-wire");
    assertThat(arrived.await(20, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(buffer::close);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !stopping.isDone());
    release.countDown();
    stopping.get(20, TimeUnit.SECONDS);

    start(Map.of());
    assertThat(buffer.destinations().get(0).ackedIndex()).isNotNegative();
    BufferClient.postSpans(buffer.httpPort(), "after-restart");
    await()
        .untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("after-restart"));
    assertThat(upstream.deliveredSpanNames()).containsExactly("on-the-wire", "after-restart");
  }

  @Test
  @DisplayName("several requests are in flight at once (max-in-flight)")
  void severalRequestsInFlight() throws Exception {
    upstream = new FakeCollector();
    CountDownLatch bothArrived = new CountDownLatch(2);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    upstream.answer(
        r -> {
          maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          bothArrived.countDown();
          try {
            bothArrived.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          concurrent.decrementAndGet();
          return Answer.ok();
        });
    start(Map.of("destination.up.max-batch-size", "1KiB"));
    String pad = "-" + "p".repeat(700);

    BufferClient.postSpans(buffer.httpPort(), "inflight-1" + pad);
    BufferClient.postSpans(buffer.httpPort(), "inflight-2" + pad);

    await().untilAsserted(() -> assertThat(upstream.delivered()).hasSize(2));
    assertThat(maxConcurrent.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("each destination has its own position: one down does not hold back the other")
  void destinationsAreIndependent() throws Exception {
    upstream = new FakeCollector();
    try (FakeCollector second = new FakeCollector()) {
      second.answer(r -> Answer.status(503));
      start(
          Map.of(
              "destination.second.endpoint", second.baseUrl(),
              "destination.second.initial-backoff-ms", "20",
              "destination.second.max-backoff-ms", "100"));

      BufferClient.postSpans(buffer.httpPort(), "both-1");

      await()
          .untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).containsExactly("both-1"));
      await().until(() -> second.requests().size() >= 2);
      assertThat(buffer.destinations())
          .filteredOn(d -> d.name().equals("second"))
          .singleElement()
          .satisfies(d -> assertThat(d.ackedIndex()).isNegative());
      second.answer(r -> Answer.ok());
      await()
          .untilAsserted(() -> assertThat(second.deliveredSpanNames()).containsExactly("both-1"));
    }
  }
}
