package io.k3j.telemetry.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.telemetry.DestinationConfig;
import io.k3j.telemetry.Durability;
import io.k3j.telemetry.ForwardProtocol;
import io.k3j.telemetry.internal.metrics.BufferMetrics;
import io.k3j.telemetry.internal.otlp.Signal;
import io.k3j.telemetry.internal.queue.AckedPositions;
import io.k3j.telemetry.internal.queue.DurableQueue;
import io.k3j.telemetry.internal.queue.QueueOptions;
import io.k3j.telemetry.internal.queue.QueueRecord;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.FakeCollector.Answer;
import io.k3j.telemetry.testing.Otlp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DestinationForwarder with an injected clock and a scheduler that does not wait")
class DestinationForwarderIT {
  static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(START);
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  Duration maxRetryTime = Duration.ZERO;
  @TempDir Path dir;
  FakeCollector upstream;
  final RecordingScheduler scheduler = new RecordingScheduler();
  DurableQueue queue;
  DestinationForwarder forwarder;

  void start(Function<FakeCollector.Received, Answer> script) throws Exception {
    upstream = new FakeCollector();
    upstream.answer(script);
    queue =
        DurableQueue.open(
            new QueueOptions(
                dir.resolve("queue"),
                Durability.PROCESS,
                RollCycles.FAST_DAILY,
                1 << 20,
                SystemTimeProvider.INSTANCE));
    URI base = URI.create(upstream.baseUrl());
    DestinationConfig config =
        new DestinationConfig(
            "up",
            ForwardProtocol.HTTP_PROTOBUF,
            DestinationConfig.signalUrl(base, "v1/traces"),
            DestinationConfig.signalUrl(base, "v1/metrics"),
            DestinationConfig.signalUrl(base, "v1/logs"),
            Map.of(),
            false,
            1 << 20,
            4,
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            maxRetryTime,
            Duration.ofMinutes(5));
    forwarder =
        new DestinationForwarder(
            config,
            queue,
            new AckedPositions(dir.resolve("acked")),
            new DeadLetters(dir.resolve("dead")),
            new BufferMetrics(new SimpleMeterRegistry()),
            scheduler,
            clock,
            new SplittableRandom(1));
  }

  void append(String spanName) {
    queue.append(new QueueRecord(Signal.TRACES, false, 0, 1, Otlp.spans(spanName).toByteArray()));
  }

  @AfterEach
  void stop() {
    forwarder.close();
    queue.close();
    upstream.close();
  }

  static Function<FakeCollector.Received, Answer> failFirst(int times, Answer failure) {
    AtomicInteger calls = new AtomicInteger();
    return r -> calls.getAndIncrement() < times ? failure : Answer.ok();
  }

  @Test
  @DisplayName("Retry-After in seconds sets the next delay even when far above the back-off")
  void retryAfterSeconds() throws Exception {
    start(failFirst(1, Answer.status(429, Map.of("Retry-After", "120"))));

    append("ra-seconds");

    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("ra-seconds"));
    assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(120));
  }

  @Test
  @DisplayName("Retry-After as an HTTP-date is measured from the injected clock")
  void retryAfterHttpDate() throws Exception {
    start(failFirst(1, Answer.status(503, Map.of("Retry-After", "Tue, 24 Nov 2026 10:00:30 GMT"))));

    append("ra-date");

    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("ra-date"));
    assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("back-off doubles per consecutive failure, jittered within [half, full]")
  void exponentialBackoff() throws Exception {
    start(failFirst(5, Answer.status(502)));

    append("backoff");

    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("backoff"));
    assertThat(scheduler.delays).hasSize(5);
    for (int i = 0; i < 5; i++) {
      long ceiling = 1000L << i;
      assertThat(scheduler.delays.get(i).toMillis()).isBetween(ceiling / 2, ceiling);
    }
    await().until(() -> forwarder.ackedIndex() >= 0);
  }

  @Test
  @DisplayName("with max-retry-time set, a batch failing longer than that is dead-lettered")
  void maxRetryTimeDeadLetters() throws Exception {
    maxRetryTime = Duration.ofSeconds(10);
    start(
        r -> {
          now.updateAndGet(t -> t.plusSeconds(6));
          return Answer.status(503);
        });

    append("gives-up");

    await().until(() -> forwarder.ackedIndex() >= 0);
    assertThat(upstream.requests()).hasSize(3);
    assertThat(new DeadLetters(dir.resolve("dead")).count()).isEqualTo(1);
    assertThat(forwarder.status().lastError()).contains("gave up");
  }
}
