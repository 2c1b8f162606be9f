package io.k3j.telemetry.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.telemetry.Durability;
import io.k3j.telemetry.internal.otlp.Signal;
import io.k3j.telemetry.internal.queue.DurableQueue;
import io.k3j.telemetry.internal.queue.QueueOptions;
import io.k3j.telemetry.internal.queue.QueueRecord;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Batches read from the durable queue into reused buffers")
class BatchReaderTest {
  @TempDir Path dir;

  DurableQueue open() throws Exception {
    return DurableQueue.open(
        new QueueOptions(
            dir,
            Durability.PROCESS,
            TestRollCycles.TEST_SECONDLY,
            1 << 20,
            new SetTimeProvider(1_700_000_000_000_000_000L)));
  }

  static QueueRecord record(Signal signal, byte[] payload) {
    return new QueueRecord(signal, false, 1, 1, payload);
  }

  @Test
  @DisplayName(
      "records of one signal share a batch up to the batch size; a bigger record comes alone, and"
          + " a recycled buffer carries the next batch")
  void batchesBySignalAndSize() throws Exception {
    byte[] big = new byte[300];
    Arrays.fill(big, (byte) 9);
    try (DurableQueue queue = open()) {
      queue.append(record(Signal.LOGS, new byte[] {1, 2}));
      queue.append(record(Signal.LOGS, new byte[] {3}));
      queue.append(record(Signal.TRACES, new byte[] {4}));
      queue.append(record(Signal.TRACES, big));
      queue.append(record(Signal.TRACES, new byte[] {5, 6}));
      BatchReader reader = new BatchReader(queue.cursorAfter(-1), 100);

      Batch logs = reader.next();
      byte[] buffer = logs.takeBuffer();
      assertThat(logs.takePart().body()).containsExactly(1, 2, 3);
      reader.recycle(buffer);
      Batch traces = reader.next();
      assertThat(traces.takeBuffer()).isSameAs(buffer);
      assertThat(traces.takePart().body()).containsExactly(4);
      Batch alone = reader.next();
      assertThat(alone.takeBuffer()).as("an array of its own").isNull();
      assertThat(alone.takePart().body()).isEqualTo(big);
      Batch last = reader.next();
      assertThat(last.takePart().body()).containsExactly(5, 6);
      assertThat(reader.next()).isNull();
      reader.close();
    }
  }

  @Test
  @DisplayName(
      "a record that cannot be read ends the batch before it: the records read so far are sent,"
          + " and it is not skipped")
  void failedReadKeepsTheRecordsBefore() throws Exception {
    byte[] large = new byte[20_000]; // 8 KiB or more: in the cycle's payload file
    Arrays.fill(large, (byte) 7);
    try (DurableQueue queue = open()) {
      queue.append(record(Signal.LOGS, new byte[] {1, 2, 3}));
      queue.append(record(Signal.LOGS, new byte[] {4, 5}));
      queue.append(record(Signal.LOGS, large));
      queue.append(record(Signal.LOGS, new byte[] {6}));
      Path payloads;
      try (Stream<Path> files = Files.walk(dir)) {
        payloads = files.filter(f -> f.toString().endsWith(".payloads")).findFirst().orElseThrow();
      }
      Files.delete(payloads);
      Files.createDirectory(payloads); // reading it fails with an I/O error
      BatchReader reader = new BatchReader(queue.cursorAfter(-1), 1 << 16);

      Batch first = reader.next();
      assertThat(first.takePart().body()).containsExactly(1, 2, 3, 4, 5);
      assertThat(first.lastIndex).isEqualTo(first.firstIndex + 1);
      assertThatThrownBy(reader::next).isInstanceOf(UncheckedIOException.class);
      assertThatThrownBy(reader::next)
          .as("read again, not skipped for the record after it")
          .isInstanceOf(UncheckedIOException.class);
      reader.close();
    }
  }
}
