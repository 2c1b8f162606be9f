package io.k3j.telemetry.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.telemetry.Durability;
import io.k3j.telemetry.internal.otlp.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Durable queue on Chronicle Queue")
class DurableQueueTest {
  @TempDir Path dir;
  final SetTimeProvider time = new SetTimeProvider(1_700_000_000_000_000_000L);

  DurableQueue open(Durability durability) throws Exception {
    return DurableQueue.open(
        new QueueOptions(dir, durability, TestRollCycles.TEST_SECONDLY, 1 << 20, time));
  }

  static QueueRecord record(String text) {
    return new QueueRecord(Signal.LOGS, false, 42, 1, text.getBytes(StandardCharsets.UTF_8));
  }

  static String text(StoredRecord stored) {
    return new String(stored.record().payload(), StandardCharsets.UTF_8);
  }

  static List<String> drain(QueueCursor cursor) {
    List<String> result = new ArrayList<>();
    for (StoredRecord r = cursor.next(); r != null; r = cursor.next()) {
      result.add(text(r));
    }
    return result;
  }

  @Test
  @DisplayName("records read back in order with signal, flags, time and item count")
  void roundTrip() throws Exception {
    try (DurableQueue queue = open(Durability.PROCESS);
        QueueCursor cursor = queue.cursorAfter(-1)) {
      queue.append(record("a"));
      queue.append(new QueueRecord(Signal.TRACES, true, 7, 3, new byte[] {1, 2}));

      assertThat(text(cursor.next())).isEqualTo("a");
      QueueRecord second = cursor.next().record();
      assertThat(second.signal()).isEqualTo(Signal.TRACES);
      assertThat(second.fromJson()).isTrue();
      assertThat(second.appendedAtMillis()).isEqualTo(7);
      assertThat(second.items()).isEqualTo(3);
      assertThat(cursor.next()).isNull();
    }
  }

  @Test
  @DisplayName(
      "payloads written beside the mapping read back byte for byte across chunks, cycle files"
          + " and restarts")
  void largePayloadsRoundTrip() throws Exception {
    Random random = new Random(6);
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      // sizes around the bounce buffer and the minimum, 14 MiB in all over 4 MiB chunks
      byte[] payload =
          new byte[i % 3 == 0 ? DurableQueue.MIN_PAYLOAD_FILE_BYTES : 300_000 + i * 40_000];
      random.nextBytes(payload);
      payloads.add(payload);
    }
    for (Durability durability : Durability.values()) {
      Path queueDir = dir.resolve(durability.name());
      QueueOptions options =
          new QueueOptions(queueDir, durability, TestRollCycles.TEST_SECONDLY, 4 << 20, time);
      try (DurableQueue queue = DurableQueue.open(options);
          QueueCursor cursor = queue.cursorAfter(-1)) {
        long last = -1;
        for (byte[] payload : payloads) {
          if (payload == payloads.get(payloads.size() / 2)) {
            time.advanceMillis(1000); // the second half goes into the next cycle file
          }
          last = queue.append(new QueueRecord(Signal.TRACES, false, 1, 1, payload));
        }
        assertThat(queue.cycleFiles()).hasSizeGreaterThanOrEqualTo(2);
        queue.whenDurable(last).get();
        for (byte[] payload : payloads) {
          assertThat(cursor.next().record().payload()).isEqualTo(payload);
        }
        assertThat(cursor.next()).isNull();
      }
      try (DurableQueue queue = DurableQueue.open(options);
          QueueCursor cursor = queue.cursorAfter(-1)) {
        for (byte[] payload : payloads) {
          assertThat(cursor.next().record().payload()).as(durability.name()).isEqualTo(payload);
        }
        assertThat(queue.tornRecords()).isZero();
      }
    }
  }

  @Test
  @DisplayName("after a restart a cursor resumes right after the acked index and sees new appends")
  void replayFromAckedIndex() throws Exception {
    long acked;
    try (DurableQueue queue = open(Durability.DISK)) {
      queue.append(record("a"));
      acked = queue.append(record("b"));
      queue.append(record("c"));
    }
    try (DurableQueue queue = open(Durability.DISK);
        QueueCursor cursor = queue.cursorAfter(acked)) {
      assertThat(drain(cursor)).containsExactly("c");
      queue.append(record("d"));
      assertThat(drain(cursor)).containsExactly("d");
    }
  }

  @Test
  @DisplayName("a cursor that has read everything sees records appended after a restart")
  void caughtUpCursorAfterRestart() throws Exception {
    long last;
    try (DurableQueue queue = open(Durability.DISK)) {
      queue.append(record("a"));
      last = queue.append(record("b"));
    }
    try (DurableQueue queue = open(Durability.DISK);
        QueueCursor cursor = queue.cursorAfter(last)) {
      assertThat(cursor.next()).isNull();
      queue.append(record("c"));
      assertThat(drain(cursor)).containsExactly("c");
    }
  }

  @Test
  @DisplayName("a torn last record is found at start-up, skipped by every reader and counted once")
  void tornRecordIsSkipped() throws Exception {
    try (DurableQueue queue = open(Durability.PROCESS)) {
      queue.append(record("before"));
    }
    appendTornRecord();
    try (DurableQueue queue = open(Durability.PROCESS);
        QueueCursor first = queue.cursorAfter(-1);
        QueueCursor second = queue.cursorAfter(-1)) {
      assertThat(queue.tornRecords()).as("found at start-up").isEqualTo(1);
      queue.append(record("after"));

      assertThat(drain(first)).containsExactly("before", "after");
      assertThat(drain(second)).containsExactly("before", "after");
      assertThat(queue.tornRecords()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("disk mode: concurrent appends share one fsync (group commit)")
  void groupCommit() throws Exception {
    try (DurableQueue queue = open(Durability.DISK)) {
      List<Long> indexes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        indexes.add(queue.append(record("r" + i)));
      }
      CompletableFuture<?>[] durable =
          indexes.stream().map(queue::whenDurable).toArray(CompletableFuture[]::new);

      CompletableFuture.allOf(durable).get();

      assertThat(queue.syncRounds()).isBetween(1L, 2L);
      assertThat(queue.whenDurable(indexes.get(0))).isCompleted();
    }
  }

  @Test
  @DisplayName("process mode acknowledges right after the append")
  void processModeIsImmediate() throws Exception {
    try (DurableQueue queue = open(Durability.PROCESS)) {
      assertThat(queue.whenDurable(queue.append(record("x")))).isCompleted();
      assertThat(queue.syncRounds()).isZero();
    }
  }

  @Test
  @DisplayName("payload bytes after an index span cycles, and follow deleted files")
  void payloadBytesAfter() throws Exception {
    try (DurableQueue queue = open(Durability.PROCESS)) {
      long a = queue.append(record("aaaa"));
      time.advanceMillis(1_000);
      long b = queue.append(record("bbbbbb"));
      long c = queue.append(record("cc"));
      time.advanceMillis(1_000);
      long d = queue.append(record("d"));

      assertThat(queue.cycleFiles()).hasSize(3);
      assertThat(queue.payloadBytesAfter(-1)).isEqualTo(13);
      assertThat(queue.payloadBytesAfter(a)).isEqualTo(9);
      assertThat(queue.payloadBytesAfter(b)).isEqualTo(3);
      assertThat(queue.payloadBytesAfter(c)).isEqualTo(1);
      assertThat(queue.payloadBytesAfter(d)).isZero();
      assertThat(queue.payloadBytesAfter(a)).as("again, from remembered cycles").isEqualTo(9);

      queue.delete(queue.cycleFiles().get(0));
      assertThat(queue.payloadBytesAfter(a)).as("acked file gone: all that is left").isEqualTo(9);
      queue.append(record("ee"));
      assertThat(queue.payloadBytesAfter(c)).isEqualTo(3);
    }
  }

  static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static Path payloadFile(DurableQueue queue) {
    return PayloadFiles.of(queue.cycleFiles().get(0).path());
  }

  @Test
  @DisplayName(
      "large payloads go to the cycle's payload file, counted in its size and deleted with it")
  void payloadFiles() throws Exception {
    Path orphan = dir.resolve("20200101-000000" + PayloadFiles.SUFFIX);
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.write(orphan, new byte[100]);
    try (DurableQueue queue = open(Durability.DISK)) {
      assertThat(orphan).as("left by a crash between two deletes").doesNotExist();
      byte[] large = randomBytes(100_000, 1);
      long index = queue.append(new QueueRecord(Signal.TRACES, false, 1, 1, large));
      queue.append(record("small"));
      queue.append(new QueueRecord(Signal.TRACES, false, 1, 1, large));
      queue.whenDurable(index).get();

      Path payloads = payloadFile(queue);
      assertThat(payloads).hasSize(2L * large.length);
      CycleFile file = queue.cycleFiles().get(0);
      assertThat(file.sizeBytes())
          .isEqualTo(java.nio.file.Files.size(file.path()) + 2L * large.length);
      time.advanceMillis(1_000);
      queue.append(record("next cycle"));
      queue.delete(file);
      assertThat(payloads).doesNotExist();
    }
  }

  @Test
  @DisplayName(
      "a payload cut short or damaged in its payload file makes its record torn: skipped, counted")
  void tornPayloads() throws Exception {
    byte[] first = randomBytes(50_000, 2);
    byte[] second = randomBytes(50_000, 3);
    byte[] third = randomBytes(50_000, 4);
    try (DurableQueue queue = open(Durability.PROCESS)) {
      for (byte[] payload : List.of(first, second, third)) {
        queue.append(new QueueRecord(Signal.TRACES, false, 1, 1, payload));
      }
    }
    Path payloads =
        dir.resolve(
            PayloadFiles.of(
                    java.nio.file.Files.list(dir)
                        .filter(p -> p.toString().endsWith(".cq4"))
                        .findFirst()
                        .orElseThrow())
                .getFileName());
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(payloads, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(2L * 50_000 + 10_000); // power cut: the last payload only partly written
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~second[7]}), 50_000 + 7);
    }
    try (DurableQueue queue = open(Durability.PROCESS);
        QueueCursor cursor = queue.cursorAfter(-1)) {
      assertThat(queue.tornRecords()).as("the last one, found at start-up").isEqualTo(1);
      assertThat(cursor.next().record().payload()).isEqualTo(first);
      assertThat(cursor.next()).isNull();
      assertThat(queue.tornRecords()).as("and the damaged one").isEqualTo(2);
    }
  }

  @Test
  @DisplayName(
      "nextInto reads payloads into the caller's array and leaves a record of another signal or"
          + " too big for the rest unread")
  void nextIntoReadsIntoTheCallersArray() throws Exception {
    Random random = new Random(7);
    byte[] large = new byte[DurableQueue.MIN_PAYLOAD_FILE_BYTES + 100];
    random.nextBytes(large);
    try (DurableQueue queue = open(Durability.PROCESS);
        QueueCursor cursor = queue.cursorAfter(-1)) {
      queue.append(record("small"));
      queue.append(new QueueRecord(Signal.LOGS, false, 43, 5, large));
      queue.append(new QueueRecord(Signal.TRACES, false, 44, 2, new byte[] {9, 8, 7}));
      queue.append(record("after"));
      byte[] dest = new byte[large.length + 5];

      RecordSlice small = cursor.nextInto(dest, 3, Signal.LOGS);
      assertThat(small.offset()).isEqualTo(3);
      assertThat(new String(dest, 3, small.length(), StandardCharsets.UTF_8)).isEqualTo("small");
      assertThat(cursor.nextInto(dest, 3 + small.length(), Signal.LOGS))
          .as("does not fit behind the first")
          .isNull();
      RecordSlice big = cursor.nextInto(dest, 0, Signal.LOGS);
      assertThat(big.items()).isEqualTo(5);
      assertThat(big.appendedAtMillis()).isEqualTo(43);
      assertThat(Arrays.copyOfRange(dest, 0, big.length())).isEqualTo(large);
      assertThat(cursor.nextInto(dest, 0, Signal.LOGS)).as("another signal").isNull();
      RecordSlice traces = cursor.nextInto(dest, 0, null);
      assertThat(traces.signal()).isEqualTo(Signal.TRACES);
      assertThat(traces.index()).isEqualTo(big.index() + 1);
      assertThat(cursor.nextInto(new byte[2], 0, null)).as("bigger than the array").isNull();
      assertThat(text(cursor.next())).isEqualTo("after");
      assertThat(cursor.nextInto(dest, 0, null)).isNull();
    }
  }

  @Test
  @DisplayName("nextInto skips a torn record and counts it")
  void nextIntoSkipsTornRecords() throws Exception {
    try (DurableQueue queue = open(Durability.PROCESS)) {
      queue.append(record("before"));
    }
    appendTornRecord();
    try (DurableQueue queue = open(Durability.PROCESS);
        QueueCursor cursor = queue.cursorAfter(-1)) {
      queue.append(record("after"));
      byte[] dest = new byte[64];
      RecordSlice before = cursor.nextInto(dest, 0, null);
      RecordSlice after = cursor.nextInto(dest, before.length(), null);
      assertThat(new String(dest, 0, before.length() + after.length(), StandardCharsets.UTF_8))
          .isEqualTo("beforeafter");
      assertThat(queue.tornRecords()).isEqualTo(1);
    }
  }

  /** Appends a record cut short, as a crash in the middle of a write leaves it. */
  private void appendTornRecord() {
    try (SingleChronicleQueue raw =
            SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(TestRollCycles.TEST_SECONDLY)
                .timeProvider(time)
                .build();
        ExcerptAppender appender = raw.createAppender();
        DocumentContext doc = appender.writingDocument()) {
      TornRecords.writeTorn(doc.wire().bytes());
    }
  }
}
