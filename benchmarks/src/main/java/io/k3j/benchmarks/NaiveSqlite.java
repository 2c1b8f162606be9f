package io.k3j.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: SQLite used the naive way through sqlite-jdbc. One connection per thread in
 * autocommit mode, so every INSERT is its own durable transaction, with SQLite's defaults (rollback
 * journal, {@code synchronous=FULL}); only {@code busy_timeout} is set, so that threads wait for
 * the lock instead of failing.
 */
final class NaiveSqlite {
  static final int BUSY_TIMEOUT_MILLIS = 60_000;

  /** A cell's throughput and the journal settings the database really ran with. */
  record Cell(Throughput throughput, String journalMode, int synchronous) {}

  private NaiveSqlite() {}

  static Cell inserts(BenchmarkConfig config, int writers) throws Exception {
    byte[] value = Values.random(config.valueBytes(), 3);
    try (ScratchDirectory dir = ScratchDirectory.create(config.dir(), "naive-" + writers)) {
      String url = "jdbc:sqlite:" + dir.resolve("naive.db").toAbsolutePath();
      String journalMode;
      int synchronous;
      try (Connection setup = connect(url);
          Statement st = setup.createStatement()) {
        st.execute(
            "CREATE TABLE kv (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, value BLOB)");
        journalMode = pragma(st, "journal_mode");
        synchronous = Integer.parseInt(pragma(st, "synchronous"));
      }
      List<Connection> connections = new ArrayList<>();
      Throughput throughput;
      try {
        throughput =
            LoadRun.run(
                writers,
                config.warmup(),
                config.duration(),
                thread -> {
                  Connection conn = connect(url);
                  connections.add(conn);
                  PreparedStatement insert =
                      conn.prepareStatement("INSERT INTO kv (name, value) VALUES (?, ?)");
                  String prefix = "/registry/bench/t" + thread + "/";
                  return seq -> {
                    insert.setString(1, prefix + seq);
                    insert.setBytes(2, value);
                    insert.executeUpdate();
                  };
                });
      } finally {
        for (Connection conn : connections) {
          conn.close();
        }
      }
      return new Cell(throughput, journalMode, synchronous);
    }
  }

  private static Connection connect(String url) throws SQLException {
    Connection conn = DriverManager.getConnection(url);
    try (Statement st = conn.createStatement()) {
      st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
    }
    return conn;
  }

  private static String pragma(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }
}
