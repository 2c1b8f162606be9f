package io.k3j.core.datastore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.DatastoreStartupException;
import io.k3j.core.datastore.Datastores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStartupTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("server/db/state.db");
  }

  @Test
  @DisplayName("a file that is not a database stops start-up naming the file and what to do")
  void notADatabase() throws Exception {
    Files.createDirectories(db().getParent());
    Files.writeString(db(), "this is not sqlite ".repeat(500));

    assertThatThrownBy(() -> SqliteBackend.open(SqliteOptions.defaults(db())))
        .isInstanceOf(DatastoreStartupException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("corrupt")
        .hasMessageContaining("restore it from a backup");
    assertThat(Files.readString(db())).startsWith("this is not sqlite");
  }

  @Test
  @DisplayName("a damaged datastore stops start-up and is left as it was")
  void damagedDatabase() throws Exception {
    try (Backend store = SqliteBackend.open(SqliteOptions.defaults(db()))) {
      for (int i = 0; i < 2_000; i++) {
        store.create("/k/" + i, ("value-" + i).repeat(20).getBytes(StandardCharsets.UTF_8), 0);
      }
      store.create("/k/last", new byte[0], 0).join();
    }
    long size = Files.size(db());
    try (RandomAccessFile file = new RandomAccessFile(db().toFile(), "rw")) {
      byte[] garbage = new byte[8192];
      java.util.Arrays.fill(garbage, (byte) 0x5a);
      file.seek(size / 2);
      file.write(garbage);
    }
    byte[] damaged = Files.readAllBytes(db());

    assertThatThrownBy(() -> SqliteBackend.open(SqliteOptions.defaults(db())))
        .isInstanceOf(DatastoreStartupException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("corrupt");
    assertThat(Files.readAllBytes(db())).isEqualTo(damaged);
  }

  @Test
  @DisplayName("a datastore already open in another k3j stops start-up naming the file")
  void alreadyInUse() {
    try (Backend first = SqliteBackend.open(SqliteOptions.defaults(db()))) {
      assertThatThrownBy(() -> SqliteBackend.open(SqliteOptions.defaults(db())))
          .isInstanceOf(DatastoreStartupException.class)
          .hasMessageContaining(db().toString())
          .hasMessageContaining("in use by another k3j process");
      assertThat(first.create("/still/works", new byte[0], 0).join().modRevision()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a database locked by another program stops start-up naming the file")
  void lockedByAnotherProgram() throws Exception {
    try (Backend store = SqliteBackend.open(SqliteOptions.defaults(db()))) {
      store.create("/a", new byte[0], 0).join();
    }
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement st = other.createStatement()) {
      st.execute("PRAGMA locking_mode = EXCLUSIVE");
      st.execute("BEGIN EXCLUSIVE");
      st.execute("DELETE FROM meta WHERE key = 'nothing'");

      assertThatThrownBy(
              () ->
                  SqliteBackend.open(
                      SqliteOptions.builder(db()).busyTimeout(Duration.ofMillis(200)).build()))
          .isInstanceOf(DatastoreStartupException.class)
          .hasMessageContaining(db().toString())
          .hasMessageContaining("locked");
      st.execute("ROLLBACK");
    }
  }

  @Test
  @DisplayName("an SQLite file of another program is not taken over")
  void foreignDatabase() throws Exception {
    Files.createDirectories(db().getParent());
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement st = other.createStatement()) {
      st.execute("CREATE TABLE invoices (id INTEGER)");
    }

    assertThatThrownBy(() -> SqliteBackend.open(SqliteOptions.defaults(db())))
        .isInstanceOf(DatastoreStartupException.class)
        .hasMessageContaining("not a k3j datastore");
  }

  @Test
  @DisplayName("drivers are chosen by endpoint scheme; unknown schemes and parameters are named")
  void endpoints() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (Backend store = Datastores.open("sqlite://" + db() + "?sync=normal", meters)) {
      assertThat(store.create("/a", new byte[0], 0).join().modRevision()).isEqualTo(1);
    }
    assertThat(Datastores.defaultEndpoint(dir)).isEqualTo("sqlite://" + db());
    assertThatThrownBy(() -> Datastores.open("postgres://localhost/k3j", meters))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'postgres'");
    assertThatThrownBy(() -> Datastores.open("sqlite://" + db() + "?sync=sometimes", meters))
        .hasMessageContaining("sync=sometimes");
    assertThatThrownBy(() -> Datastores.open("sqlite://" + db() + "?cache=shared", meters))
        .hasMessageContaining("unknown sqlite endpoint parameter cache");
  }
}
