package io.k3j.core.datastore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.datastore.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  @TempDir Path dir;

  @Test
  @DisplayName("writes that queue up while a commit is under way share the next commit")
  void queuedWritesShareOneCommit() throws Exception {
    Path db = dir.resolve("state.db");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (SqliteBackend store =
        SqliteBackend.open(SqliteOptions.builder(db).meters(meters).build())) {
      store.create("/warm", new byte[0], 0).join();
      long commitsBefore = meters.get("k3j.datastore.commit").timer().count();
      List<CompletableFuture<KeyValue>> writes = new ArrayList<>();
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement st = other.createStatement()) {
        st.execute("BEGIN IMMEDIATE"); // the writer's next commit waits for this lock
        for (int i = 0; i < 100; i++) {
          writes.add(store.create("/group/" + i, new byte[] {(byte) i}, 0));
        }
        st.execute("ROLLBACK");
      }
      writes.forEach(CompletableFuture::join);

      long commits = meters.get("k3j.datastore.commit").timer().count() - commitsBefore;
      assertThat(commits).isBetween(1L, 2L);
      assertThat(writes.stream().map(w -> w.join().modRevision()).distinct()).hasSize(100);
      assertThat(store.count("/group/")).isEqualTo(100);
    }
  }
}
