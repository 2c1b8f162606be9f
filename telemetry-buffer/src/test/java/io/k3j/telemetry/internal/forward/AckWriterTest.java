package io.k3j.telemetry.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.telemetry.internal.queue.AckedPositions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("acked index written off the forwarder's thread")
class AckWriterTest {
  @TempDir Path dir;

  @Test
  @DisplayName(
      "offers reach the disk in order, coalesced, and the listener hears each written index")
  void writesNewestOffer() throws Exception {
    AckedPositions positions = new AckedPositions(dir);
    List<Long> heard = new CopyOnWriteArrayList<>();
    try (AckWriter writer = new AckWriter(positions, "a", heard::add)) {
      for (long i = 0; i < 200; i++) {
        writer.offer(i);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> heard.contains(199L));
      assertThat(positions.read("a")).isEqualTo(199);
    }
    assertThat(heard).isSorted().hasSizeLessThanOrEqualTo(200);
  }

  @Test
  @DisplayName("close writes what is still pending before it returns")
  void closeFlushes() throws Exception {
    AckedPositions positions = new AckedPositions(dir);
    AckWriter writer = new AckWriter(positions, "b", index -> {});
    writer.offer(41);
    writer.offer(42);
    writer.close();
    assertThat(positions.read("b")).isEqualTo(42);
  }
}
