package io.k3j.core.datastore.sqlite;

import io.k3j.core.datastore.DatastoreStartupException;
import io.k3j.core.datastore.sqlite.SqliteOptions.Sync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The on-disk layout and the checks made when opening it.
 *
 * <p>Table {@code kv} is the log: one row per change, {@code id} = revision. Table {@code meta}
 * holds the compact revision and the schema version. The database runs in WAL mode; with {@code
 * synchronous=FULL} every commit is synced before it is acknowledged.
 */
final class Schema {
  static final long VERSION = 1;

  private static final String[] CREATE = {
    "CREATE TABLE kv ("
        + " id INTEGER PRIMARY KEY,"
        + " name BLOB NOT NULL,"
        + " created INTEGER NOT NULL,"
        + " deleted INTEGER NOT NULL,"
        + " create_revision INTEGER NOT NULL,"
        + " prev_revision INTEGER NOT NULL,"
        + " lease INTEGER NOT NULL,"
        + " expires_at INTEGER NOT NULL,"
        + " value BLOB)",
    "CREATE INDEX kv_name_id ON kv (name, id)",
    "CREATE INDEX kv_expires_at ON kv (expires_at) WHERE expires_at > 0",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "INSERT INTO meta (key, value) VALUES ('schema_version', " + VERSION + ")",
    "INSERT INTO meta (key, value) VALUES ('compact_revision', 0)"
  };

  private Schema() {}

  /** Opens the writer connection, creating the schema in a new file and checking an old one. */
  static Connection openWriter(SqliteOptions options) {
    Path file = options.file();
    boolean existed = exists(file);
    Connection conn = null;
    try {
      conn = connect(file);
      try (Statement st = conn.createStatement()) {
        st.execute("PRAGMA busy_timeout = " + options.busyTimeout().toMillis());
        if (!existed) {
          st.execute("PRAGMA auto_vacuum = INCREMENTAL");
        }
        try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
          String mode = rs.next() ? rs.getString(1) : "";
          if (!"wal".equalsIgnoreCase(mode)) {
            throw new SQLException("could not switch to WAL mode (got " + mode + ")");
          }
        }
        st.execute("PRAGMA synchronous = " + (options.sync() == Sync.FULL ? "FULL" : "NORMAL"));
        st.execute("PRAGMA journal_size_limit = " + (64L << 20));
        // Small checkpoints (2 MiB of WAL) keep the one that lands in a commit short.
        st.execute("PRAGMA wal_autocheckpoint = 512");
        if (existed) {
          checkIntegrity(st, file);
        }
        Set<String> tables = tables(st);
        if (tables.isEmpty()) {
          create(st);
        } else if (!tables.containsAll(Set.of("kv", "meta"))) {
          throw new DatastoreStartupException(
              "datastore "
                  + file
                  + " is an SQLite database but not a k3j datastore (tables "
                  + tables
                  + "); point --datastore-endpoint at another file or move this one aside",
              null);
        } else {
          checkVersion(st, file);
        }
      }
      return conn;
    } catch (SQLException e) {
      close(conn);
      throw explain(file, e);
    } catch (RuntimeException e) {
      close(conn);
      throw e;
    }
  }

  /** A connection for reads only. */
  static Connection openReader(SqliteOptions options) throws SQLException {
    Connection conn = connect(options.file());
    try (Statement st = conn.createStatement()) {
      st.execute("PRAGMA busy_timeout = " + options.busyTimeout().toMillis());
      st.execute("PRAGMA query_only = 1");
    }
    return conn;
  }

  static DatastoreStartupException explain(Path file, SQLException e) {
    SQLiteErrorCode code =
        e instanceof SQLiteException ? ((SQLiteException) e).getResultCode() : null;
    if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT) {
      return corrupt(file, e.getMessage(), e);
    }
    if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED) {
      return new DatastoreStartupException(
          "datastore "
              + file
              + " is locked by another process; stop the other process using it, or start"
              + " k3j with another --data-dir",
          e);
    }
    return new DatastoreStartupException(
        "datastore " + file + " cannot be opened: " + e.getMessage(), e);
  }

  private static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  private static void create(Statement st) throws SQLException {
    st.execute("BEGIN IMMEDIATE");
    try {
      for (String sql : CREATE) {
        st.execute(sql);
      }
      st.execute("COMMIT");
    } catch (SQLException e) {
      st.execute("ROLLBACK");
      throw e;
    }
  }

  private static void checkIntegrity(Statement st, Path file) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
      String result = rs.next() ? rs.getString(1) : "no result";
      if (!"ok".equals(result)) {
        throw corrupt(file, result, null);
      }
    }
  }

  private static void checkVersion(Statement st, Path file) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
      long version = rs.next() ? rs.getLong(1) : -1;
      if (version != VERSION) {
        throw new DatastoreStartupException(
            "datastore "
                + file
                + " has schema version "
                + version
                + " but this k3j reads version "
                + VERSION
                + "; run the k3j release that wrote it",
            null);
      }
    }
  }

  private static Set<String> tables(Statement st) throws SQLException {
    Set<String> tables = new HashSet<>();
    try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private static DatastoreStartupException corrupt(Path file, String detail, Throwable cause) {
    return new DatastoreStartupException(
        "datastore "
            + file
            + " is corrupt ("
            + detail
            + "); restore it from a backup, or move it (and its -wal and -shm files) aside to"
            + " start an empty cluster",
        cause);
  }

  private static boolean exists(Path file) {
    try {
      return Files.exists(file) && Files.size(file) > 0;
    } catch (IOException e) {
      return true; // let SQLite report what is wrong with it
    }
  }

  private static void close(Connection conn) {
    if (conn != null) {
      try {
        conn.close();
      } catch (SQLException ignored) {
        // already failing; the first error is the one reported
      }
    }
  }
}
