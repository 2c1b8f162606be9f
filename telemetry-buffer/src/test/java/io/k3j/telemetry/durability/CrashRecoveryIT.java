package io.k3j.telemetry.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.telemetry.testing.BufferClient;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.FakeCollector.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SIGKILL of the buffer process during ingest and forwarding")
class CrashRecoveryIT {
  /** Kill rounds, as the acceptance asks; {@code -Dcrash.rounds=N} changes it. */
  static final int ROUNDS = Integer.getInteger("crash.rounds", 10);

  /** Seeds the kill points; printed so that a failing run can be repeated. */
  static final long SEED = Long.getLong("crash.seed", 20261124L);

  /**
   * One span per request, padded so that each request is one upstream batch of its own, and past 8
   * KiB so that the queue writes its payload with positioned writes beside the mapping.
   */
  static final String PAD = "-" + "p".repeat(9000);

  /** How the destination behaves during a round. */
  enum Destination {
    REFUSING_CONNECTIONS,
    ANSWERING_503,
    UP
  }

  @TempDir Path dir;

  static Destination destination(int round) {
    return switch (round % 5) {
      case 0 -> Destination.REFUSING_CONNECTIONS;
      case 1 -> Destination.ANSWERING_503;
      default -> Destination.UP;
    };
  }

  @Test
  @DisplayName(
      "every request answered 200 arrives after kill -9 at random points and an outage;"
          + " duplicates are bounded by the requests in flight at each kill")
  void nothingAcknowledgedIsLost() throws Exception {
    Random random = new Random(SEED);
    Path log = dir.resolve("child.log");
    Path dataDir = dir.resolve("data");
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    AtomicBoolean answering = new AtomicBoolean();
    try (FakeCollector upstream = new FakeCollector()) {
      upstream.answer(r -> answering.get() ? Answer.ok() : Answer.status(503));
      for (int round = 0; round < ROUNDS; round++) {
        Destination destination = destination(round);
        answering.set(destination == Destination.UP);
        if (destination == Destination.REFUSING_CONNECTIONS) {
          upstream.down();
        } else {
          upstream.up();
        }
        try (ChildBuffer child = ChildBuffer.startHealthy(dataDir, upstream.baseUrl(), log)) {
          Thread sender = startSender(child, round, acknowledged);
          // kill while requests are being stored, or while the backlog is being forwarded
          BooleanSupplier killPoint = killPoint(destination, random, acknowledged, upstream);
          await().atMost(Duration.ofSeconds(60)).until(killPoint::getAsBoolean);
          child.kill();
          sender.join(30_000);
        }
      }
      upstream.up();
      answering.set(true);
      try (ChildBuffer child = ChildBuffer.startHealthy(dataDir, upstream.baseUrl(), log)) {
        await()
            .atMost(Duration.ofSeconds(120))
            .untilAsserted(
                () -> assertThat(upstream.deliveredSpanNames()).containsAll(acknowledged));
      }
      List<String> delivered = upstream.deliveredSpanNames();
      Set<String> unique = new HashSet<>(delivered);
      int duplicates = delivered.size() - unique.size();
      System.out.printf(
          "crash test (seed %d, %d kills): %d acknowledged, %d delivered, %d duplicates%n",
          SEED, ROUNDS, acknowledged.size(), delivered.size(), duplicates);
      assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * 3);
      assertThat(duplicates).isLessThanOrEqualTo(ROUNDS * ChildBuffer.MAX_IN_FLIGHT);
    }
  }

  /**
   * While the destination is down the kill comes after a random number of acknowledged requests
   * (ingest); while it is up, after a random number of upstream requests (forwarding).
   */
  private static BooleanSupplier killPoint(
      Destination destination, Random random, List<String> acknowledged, FakeCollector upstream) {
    int ackTarget = acknowledged.size() + 3 + random.nextInt(12);
    if (destination != Destination.UP) {
      return () -> acknowledged.size() >= ackTarget;
    }
    int requestTarget = upstream.requests().size() + 1 + random.nextInt(10);
    return () -> upstream.requests().size() >= requestTarget && acknowledged.size() >= ackTarget;
  }

  /** Posts until the child dies; records the names of requests answered 200. */
  private static Thread startSender(ChildBuffer child, int round, List<String> acknowledged) {
    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; ; i++) {
                String name = "crash-" + round + "-" + i + PAD;
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
