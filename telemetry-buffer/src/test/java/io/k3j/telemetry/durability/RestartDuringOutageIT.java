package io.k3j.telemetry.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.telemetry.TelemetryBuffer;
import io.k3j.telemetry.TelemetryBufferConfig;
import io.k3j.telemetry.testing.BufferClient;
import io.k3j.telemetry.testing.Buffers;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.FakeCollector.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Backlog across restarts during an outage")
class RestartDuringOutageIT {
  @TempDir Path dataDir;
  FakeCollector upstream;

  @AfterEach
  void stop() throws Exception {
    upstream.close();
  }

  TelemetryBuffer start() throws Exception {
    Map<String, String> config = Buffers.withDestination(dataDir, "up", upstream.baseUrl());
    return TelemetryBuffer.start(TelemetryBufferConfig.fromMap(config));
  }

  @Test
  @DisplayName(
      "three restarts while the destination is down lose nothing; acked data is not resent")
  void threeRestartsDuringOutage() throws Exception {
    upstream = new FakeCollector();
    upstream.answer(r -> Answer.status(503));
    List<String> sent = new ArrayList<>();
    for (int restart = 0; restart < 3; restart++) {
      try (TelemetryBuffer buffer = start()) {
        for (int i = 0; i < 5; i++) {
          String name = "outage-" + restart + "-" + i;
          assertThat(BufferClient.postSpans(buffer.httpPort(), name)).isEqualTo(200);
          sent.add(name);
        }
        await().until(() -> !upstream.requests().isEmpty());
      }
    }

    upstream.answer(r -> Answer.ok());
    try (TelemetryBuffer buffer = start()) {
      await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).containsAll(sent));
      await()
          .untilAsserted(
              () -> assertThat(buffer.destinations().get(0).ackedIndex()).isNotNegative());
      await()
          .untilAsserted(
              () -> assertThat(buffer.destinations().get(0).oldestUnackedAgeMillis()).isZero());
    }
    int deliveredBefore = upstream.deliveredSpanNames().size();

    try (TelemetryBuffer buffer = start()) {
      BufferClient.postSpans(buffer.httpPort(), "after-restart");
      await()
          .untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("after-restart"));
    }
    assertThat(upstream.deliveredSpanNames()).hasSize(deliveredBefore + 1);
    // every stop here is clean: the forwarder waits for the answers to its requests on the wire
    // (503 before the outage ends), so none arrives later as a delivery and nothing is doubled
    List<String> expected = new ArrayList<>(sent);
    expected.add("after-restart");
    assertThat(upstream.deliveredSpanNames()).containsExactlyInAnyOrderElementsOf(expected);
  }
}
