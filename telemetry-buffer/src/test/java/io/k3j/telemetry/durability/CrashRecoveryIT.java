package io.k3j.telemetry.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.telemetry.testing.BufferClient;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.FakeCollector.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SIGKILL of the buffer process during ingest and forwarding")
class CrashRecoveryIT {
  /** Kill rounds; the acceptance run uses 10 ({@code -Dcrash.rounds=10}). */
  static final int ROUNDS = Integer.getInteger("crash.rounds", 6);

  @TempDir Path dir;

  @Test
  @DisplayName("every request answered 200 reaches the destination despite kill -9 and an outage")
  void nothingAcknowledgedIsLost() throws Exception {
    Path log = dir.resolve("child.log");
    Path dataDir = dir.resolve("data");
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    AtomicBoolean destinationUp = new AtomicBoolean(false);
    try (FakeCollector upstream = new FakeCollector()) {
      upstream.answer(r -> destinationUp.get() ? Answer.ok() : Answer.status(503));
      for (int round = 0; round < ROUNDS; round++) {
        // down for the first rounds and one later one: kills hit ingest and forwarding
        destinationUp.set(round >= 3 && round != 4);
        try (ChildBuffer child = ChildBuffer.startHealthy(dataDir, upstream.baseUrl(), log)) {
          int target = acknowledged.size() + 5 + (round * 7) % 11;
          Thread sender = startSender(child, round, acknowledged);
          await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= target);
          child.kill();
          sender.join(30_000);
        }
      }
      destinationUp.set(true);
      try (ChildBuffer child = ChildBuffer.startHealthy(dataDir, upstream.baseUrl(), log)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> assertThat(upstream.deliveredSpanNames()).containsAll(acknowledged));
      }
      List<String> delivered = upstream.deliveredSpanNames();
      Set<String> unique = new HashSet<>(delivered);
      int duplicates = delivered.size() - unique.size();
      System.out.printf(
          "crash test: %d acknowledged, %d delivered, %d duplicates%n",
          acknowledged.size(), delivered.size(), duplicates);
      assertThat(Files.exists(log)).isTrue();
    }
  }

  /** Posts until the child dies; records the names of requests answered 200. */
  private static Thread startSender(ChildBuffer child, int round, List<String> acknowledged) {
    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; ; i++) {
                String name = "crash-" + round + "-" + i;
                try {
                  if (BufferClient.postSpans(child.httpPort, name) == 200) {
                    acknowledged.add(name);
                  }
                } catch (Exception e) {
                  return;
                }
              }
            },
            "crash-test-sender");
    sender.setDaemon(true);
    sender.start();
    return sender;
  }
}
