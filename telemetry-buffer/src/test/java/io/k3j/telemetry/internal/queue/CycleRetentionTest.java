package io.k3j.telemetry.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.telemetry.Durability;
import io.k3j.telemetry.internal.otlp.Signal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Cycle file retention and acked positions")
class CycleRetentionTest {
  @TempDir Path dir;
  final SetTimeProvider time = new SetTimeProvider(1_700_000_000_000_000_000L);

  List<Long> fillThreeCycles(DurableQueue queue) {
    List<Long> lastIndexes = new ArrayList<>();
    for (int cycle = 0; cycle < 3; cycle++) {
      queue.append(new QueueRecord(Signal.LOGS, false, 0, 1, new byte[] {1}));
      lastIndexes.add(queue.append(new QueueRecord(Signal.LOGS, false, 0, 1, new byte[] {2})));
      time.advanceMillis(1000);
    }
    return lastIndexes;
  }

  DurableQueue open() throws Exception {
    return DurableQueue.open(
        new QueueOptions(
            dir.resolve("q"), Durability.PROCESS, TestRollCycles.TEST_SECONDLY, 1 << 20, time));
  }

  @Test
  @DisplayName("a cycle file goes only when every destination acked past it; the newest stays")
  void deletesOnlyFullyAckedCycles() throws Exception {
    try (DurableQueue queue = open()) {
      List<Long> last = fillThreeCycles(queue);
      List<Long> acked = new ArrayList<>(List.of(last.get(2), last.get(0)));
      CycleRetention retention = new CycleRetention(queue, () -> acked);

      retention.deleteAcked();
      assertThat(queue.cycleFiles()).hasSize(3);

      acked.set(1, last.get(1));
      retention.deleteAcked();
      assertThat(queue.cycleFiles()).hasSize(2);

      acked.set(1, last.get(2));
      retention.deleteAcked();
      assertThat(queue.cycleFiles()).hasSize(1);
    }
  }

  @Test
  @DisplayName("with a destination that never acked, nothing is deleted")
  void nothingAckedNothingDeleted() throws Exception {
    try (DurableQueue queue = open()) {
      fillThreeCycles(queue);

      new CycleRetention(queue, () -> List.of(-1L)).deleteAcked();

      assertThat(queue.cycleFiles()).hasSize(3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"FIVE_MINUTELY", "FAST_HOURLY", "FAST_DAILY"})
  @DisplayName("cycle numbers parsed from file names match the index's cycle (production cycles)")
  void cycleNumbersFromNames(String rollCycle) throws Exception {
    try (DurableQueue queue =
        DurableQueue.open(
            new QueueOptions(
                dir.resolve(rollCycle),
                Durability.PROCESS,
                RollCycles.valueOf(rollCycle),
                1 << 20,
                time))) {
      long index = queue.append(new QueueRecord(Signal.LOGS, false, 0, 1, new byte[] {1}));

      assertThat(queue.cycleFiles())
          .extracting(CycleFile::cycle)
          .containsExactly(queue.cycleOf(index));
    }
  }

  @Test
  @DisplayName("acked positions survive reopening and start at -1")
  void ackedPositions() throws Exception {
    AckedPositions positions = new AckedPositions(dir.resolve("acked"));

    assertThat(positions.read("a")).isEqualTo(-1);
    positions.write("a", 0x1234_0000_0005L);
    assertThat(new AckedPositions(dir.resolve("acked")).read("a")).isEqualTo(0x1234_0000_0005L);
  }
}
