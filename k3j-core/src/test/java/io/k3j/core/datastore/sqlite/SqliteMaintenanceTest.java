package io.k3j.core.datastore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.k3j.core.datastore.CompactedException;
import io.k3j.core.datastore.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMaintenanceTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private SqliteBackend store;

  private Path db() {
    return dir.resolve("state.db");
  }

  private SqliteBackend open(long minRevisions) {
    store =
        SqliteBackend.open(
            SqliteOptions.builder(db())
                .clock(clock)
                .meters(meters)
                .minHistory(Duration.ofMinutes(10), minRevisions)
                .compactInterval(Duration.ofSeconds(30))
                .maintenanceInterval(Duration.ofMillis(10))
                .build());
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  /** Writes {@code writes} changes spread over {@code keys} keys, 64 in flight at a time. */
  private void churn(int keys, int writes) {
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < writes; i++) {
      byte[] value = ("value-" + i).repeat(10).getBytes(StandardCharsets.UTF_8);
      String key = "/churn/" + (i % keys);
      if (store.get(key, 0).isEmpty()) {
        store.create(key, value, 0).join();
        continue;
      }
      pending.add(store.update(key, value, 0, 0));
      if (pending.size() == 64) {
        pending.forEach(CompletableFuture::join);
        pending.clear();
      }
    }
    pending.forEach(CompletableFuture::join);
  }

  private long rows() throws Exception {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM kv")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  @DisplayName("compaction runs by itself once history is 10 minutes old, keeping 1,000 revisions")
  void automaticCompaction() throws Exception {
    open(1_000);
    churn(30, 3_000);
    long current = store.currentRevision();

    clock.advance(Duration.ofMinutes(5));
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> store.compactRevision() == 0);

    clock.advance(Duration.ofMinutes(6));
    await().atMost(Duration.ofSeconds(10)).until(() -> store.compactRevision() == current - 1_000);

    // The compact revision moves before a step deletes; wait for the last step's commit.
    await().atMost(Duration.ofSeconds(10)).until(() -> rows() <= 1_000 + 30);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> meters.get("k3j.datastore.compaction.rows").counter().count() == 3_000 - rows());
    assertThat(store.get("/churn/1", current - 1_000)).isPresent();
    assertThatThrownBy(() -> store.get("/churn/1", current - 1_001))
        .isInstanceOf(CompactedException.class);
  }

  @Test
  @DisplayName("under steady churn with compaction the database file stops growing")
  void boundedUnderChurn() {
    open(100);
    long[] sizes = new long[8];
    for (int round = 0; round < sizes.length; round++) {
      churn(50, 1_000);
      long target = store.currentRevision() - 100;
      clock.advance(Duration.ofMinutes(11));
      await().atMost(Duration.ofSeconds(10)).until(() -> store.compactRevision() >= target);
      assertThat(fileSize(wal())).as("WAL in round %d", round).isLessThan(16L << 20);
      // Measure once the WAL is checkpointed into the file, so the file holds everything.
      await().atMost(Duration.ofSeconds(10)).until(() -> fileSize(wal()) == 0);
      sizes[round] = fileSize(db());
    }

    assertThat(sizes[sizes.length - 1]).isLessThanOrEqualTo(sizes[2] + 64 * 1024);
  }

  @Test
  @DisplayName("after compaction frees most of the file, the file shrinks")
  void fileShrinksAfterCompaction() {
    open(0);
    byte[] big = new byte[4096];
    for (int i = 0; i < 10; i++) {
      store.create("/big/" + i, big, 0).join();
    }
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      pending.add(store.update("/big/" + (i % 10), big, 0, 0));
    }
    pending.forEach(CompletableFuture::join);
    await().atMost(Duration.ofSeconds(10)).until(() -> fileSize(wal()) == 0);
    long full = fileSize(db());

    store.compact(store.currentRevision()).join();

    await().atMost(Duration.ofSeconds(20)).until(() -> fileSize(db()) < full / 4);
  }

  @Test
  @DisplayName("idle means idle: with nothing changing, no datastore file is written")
  void idleWritesNothing() {
    open(1_000);
    churn(10, 200);
    await().atMost(Duration.ofSeconds(10)).until(() -> fileSize(wal()) == 0);
    // The checkpoint that truncated the WAL may still touch the shared-memory index once on a
    // loaded machine; idle starts when one second passes with no change at all.
    List<List<Object>> samples = new ArrayList<>(List.of(fileStates()));
    await()
        .pollInterval(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              samples.add(fileStates());
              return samples.get(samples.size() - 1).equals(samples.get(samples.size() - 2));
            });
    List<Object> before = samples.get(samples.size() - 1);

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> fileStates().equals(before));
  }

  private Path wal() {
    return dir.resolve("state.db-wal");
  }

  private List<Object> fileStates() {
    List<Object> states = new ArrayList<>();
    for (Path file : List.of(db(), wal(), dir.resolve("state.db-shm"))) {
      states.add(fileSize(file));
      states.add(modified(file));
    }
    return states;
  }

  private static long fileSize(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : -1;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
