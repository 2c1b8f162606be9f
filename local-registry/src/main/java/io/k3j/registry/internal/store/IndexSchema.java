package io.k3j.registry.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Tables of the registry index. Manifest bytes live here; blob bytes live in the BlobStore. */
final class IndexSchema {
  private static final String[] DDL = {
    "CREATE TABLE IF NOT EXISTS blobs(digest TEXT PRIMARY KEY, size INTEGER NOT NULL,"
        + " created INTEGER NOT NULL, last_access INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS repo_blobs(repo TEXT NOT NULL, digest TEXT NOT NULL,"
        + " PRIMARY KEY(repo, digest))",
    "CREATE TABLE IF NOT EXISTS manifests(digest TEXT PRIMARY KEY, media_type TEXT NOT NULL,"
        + " content BLOB NOT NULL, size INTEGER NOT NULL, subject TEXT, artifact_type TEXT,"
        + " annotations TEXT, origin TEXT NOT NULL, created INTEGER NOT NULL,"
        + " last_access INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS manifests_subject ON manifests(subject)",
    "CREATE TABLE IF NOT EXISTS repo_manifests(repo TEXT NOT NULL, digest TEXT NOT NULL,"
        + " PRIMARY KEY(repo, digest))",
    "CREATE INDEX IF NOT EXISTS repo_manifests_digest ON repo_manifests(digest)",
    "CREATE TABLE IF NOT EXISTS tags(repo TEXT NOT NULL, tag TEXT NOT NULL,"
        + " digest TEXT NOT NULL, PRIMARY KEY(repo, tag))",
    "CREATE INDEX IF NOT EXISTS tags_digest ON tags(digest)",
    "CREATE TABLE IF NOT EXISTS refs(parent TEXT NOT NULL, child TEXT NOT NULL,"
        + " PRIMARY KEY(parent, child))",
    "CREATE INDEX IF NOT EXISTS refs_child ON refs(child)",
    "CREATE TABLE IF NOT EXISTS pins(owner TEXT NOT NULL, digest TEXT NOT NULL,"
        + " PRIMARY KEY(owner, digest))",
  };

  private IndexSchema() {}

  static void create(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
      st.execute("PRAGMA synchronous=FULL");
      st.execute("PRAGMA foreign_keys=OFF");
      for (String ddl : DDL) {
        st.execute(ddl);
      }
    }
  }

  /** A second connection for lookups: never writes, waits out a checkpoint instead of failing. */
  static void readOnly(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA busy_timeout=10000");
      st.execute("PRAGMA query_only=1");
    }
  }
}
