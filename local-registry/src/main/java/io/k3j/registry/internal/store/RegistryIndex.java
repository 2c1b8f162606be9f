package io.k3j.registry.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQLite index of repositories, tags, manifests (exact bytes), blob references, sizes, last access
 * and pins. Writes and most reads go through one connection, every method one transaction
 * serialised by the monitor; the lookups of the pull path ({@link #linkedBlobSize}, {@link
 * #blobSize}, {@link #manifest}, {@link #resolveTag}) use a second, read-only connection so that
 * they never wait behind a commit's fsync (WAL lets readers run beside the writer and see every
 * committed transaction).
 */
public final class RegistryIndex implements AutoCloseable {
  private final Connection db;
  private final Connection reads;
  private final Object readLock = new Object();

  public RegistryIndex(Path file) {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    try {
      db = DriverManager.getConnection(url);
      IndexSchema.create(db);
    } catch (SQLException e) {
      throw new IndexException("cannot open index " + file, e);
    }
    try {
      reads = DriverManager.getConnection(url);
      IndexSchema.readOnly(reads);
    } catch (SQLException e) {
      try {
        db.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IndexException("cannot open index " + file, e);
    }
  }

  // ---- blobs

  public synchronized void putBlob(Digest digest, long size, long now) {
    update(
        "INSERT INTO blobs(digest, size, created, last_access) VALUES(?,?,?,?)"
            + " ON CONFLICT(digest) DO UPDATE SET last_access=excluded.last_access",
        digest.toString(),
        size,
        now,
        now);
  }

  /** {@link #putBlob} and {@link #linkBlob} in one transaction (one commit, one WAL sync). */
  public synchronized void putAndLinkBlob(String repo, Digest digest, long size, long now) {
    inTransaction(
        () -> {
          putBlob(digest, size, now);
          linkBlob(repo, digest);
        });
  }

  public Optional<Long> blobSize(Digest digest) {
    return lookup("SELECT size FROM blobs WHERE digest=?", rs -> rs.getLong(1), digest.toString());
  }

  public synchronized void linkBlob(String repo, Digest digest) {
    update("INSERT OR IGNORE INTO repo_blobs(repo, digest) VALUES(?,?)", repo, digest.toString());
  }

  /** Size of a blob linked to {@code repo}, if both the link and the blob exist. */
  public Optional<Long> linkedBlobSize(String repo, Digest digest) {
    return lookup(
        "SELECT b.size FROM blobs b JOIN repo_blobs r ON r.digest=b.digest"
            + " WHERE r.repo=? AND b.digest=?",
        rs -> rs.getLong(1),
        repo,
        digest.toString());
  }

  public synchronized boolean unlinkBlob(String repo, Digest digest) {
    return update("DELETE FROM repo_blobs WHERE repo=? AND digest=?", repo, digest.toString()) > 0;
  }

  // ---- manifests and tags

  /** Stores a manifest (exact bytes), its references and its link to {@code repo}. */
  public synchronized void putManifest(
      String repo, Digest digest, ParsedManifest parsed, byte[] bytes, Origin origin, long now) {
    inTransaction(
        () -> {
          update(
              "INSERT INTO manifests(digest, media_type, content, size, subject, artifact_type,"
                  + " annotations, origin, created, last_access) VALUES(?,?,?,?,?,?,?,?,?,?)"
                  + " ON CONFLICT(digest) DO UPDATE SET last_access=excluded.last_access",
              digest.toString(),
              parsed.mediaType(),
              bytes,
              bytes.length,
              parsed.subject().map(Digest::toString).orElse(null),
              parsed.artifactType().orElse(null),
              parsed.annotationsJson(),
              origin.name(),
              now,
              now);
          if (origin == Origin.PUSHED) {
            update("UPDATE manifests SET origin='PUSHED' WHERE digest=?", digest.toString());
          }
          for (Digest child : concat(parsed.blobs(), parsed.children())) {
            update(
                "INSERT OR IGNORE INTO refs(parent, child) VALUES(?,?)",
                digest.toString(),
                child.toString());
          }
          update(
              "INSERT OR IGNORE INTO repo_manifests(repo, digest) VALUES(?,?)",
              repo,
              digest.toString());
        });
  }

  public Optional<StoredManifest> manifest(String repo, Digest digest) {
    return lookup(
        "SELECT m.media_type, m.content FROM manifests m JOIN repo_manifests r"
            + " ON r.digest=m.digest WHERE r.repo=? AND m.digest=?",
        rs -> new StoredManifest(digest, rs.getString(1), rs.getBytes(2)),
        repo,
        digest.toString());
  }

  /** The repositories a manifest is linked to. */
  public synchronized List<String> repositoriesOf(Digest manifest) {
    return queryList(
        "SELECT repo FROM repo_manifests WHERE digest=? ORDER BY repo",
        rs -> rs.getString(1),
        manifest.toString());
  }

  /** Blobs and child manifests a manifest references. */
  public synchronized List<Digest> references(Digest manifest) {
    return queryList(
        "SELECT child FROM refs WHERE parent=?",
        rs -> Digest.parse(rs.getString(1)),
        manifest.toString());
  }

  public synchronized void tag(String repo, String tag, Digest digest) {
    update(
        "INSERT INTO tags(repo, tag, digest) VALUES(?,?,?)"
            + " ON CONFLICT(repo, tag) DO UPDATE SET digest=excluded.digest",
        repo,
        tag,
        digest.toString());
  }

  public Optional<Digest> resolveTag(String repo, String tag) {
    return lookup(
        "SELECT digest FROM tags WHERE repo=? AND tag=?",
        rs -> Digest.parse(rs.getString(1)),
        repo,
        tag);
  }

  public synchronized boolean deleteTag(String repo, String tag) {
    return update("DELETE FROM tags WHERE repo=? AND tag=?", repo, tag) > 0;
  }

  /**
   * Unlinks a manifest from a repository (and its tags there); drops it when unlinked everywhere.
   */
  public synchronized boolean deleteManifest(String repo, Digest digest) {
    boolean[] deleted = {false};
    inTransaction(
        () -> {
          String d = digest.toString();
          deleted[0] = update("DELETE FROM repo_manifests WHERE repo=? AND digest=?", repo, d) > 0;
          update("DELETE FROM tags WHERE repo=? AND digest=?", repo, d);
          dropIfUnlinked(d);
        });
    return deleted[0];
  }

  /** Removes a manifest from every repository (eviction). */
  public synchronized void evictManifest(Digest digest) {
    inTransaction(
        () -> {
          String d = digest.toString();
          update("DELETE FROM repo_manifests WHERE digest=?", d);
          update("DELETE FROM tags WHERE digest=?", d);
          dropIfUnlinked(d);
        });
  }

  private void dropIfUnlinked(String d) {
    if (queryOne("SELECT 1 FROM repo_manifests WHERE digest=?", rs -> 1, d).isEmpty()) {
      update("DELETE FROM manifests WHERE digest=?", d);
      update("DELETE FROM refs WHERE parent=?", d);
      update("DELETE FROM pins WHERE digest=?", d);
    }
  }

  public synchronized List<String> tags(String repo, String last, int limit) {
    return queryList(
        "SELECT tag FROM tags WHERE repo=? AND tag>? ORDER BY tag LIMIT ?",
        rs -> rs.getString(1),
        repo,
        last == null ? "" : last,
        limit);
  }

  public synchronized boolean repositoryExists(String repo) {
    return queryOne("SELECT 1 FROM repo_manifests WHERE repo=? LIMIT 1", rs -> 1, repo).isPresent()
        || queryOne("SELECT 1 FROM repo_blobs WHERE repo=? LIMIT 1", rs -> 1, repo).isPresent();
  }

  public synchronized List<String> repositories(String last, int limit) {
    return queryList(
        "SELECT DISTINCT repo FROM repo_manifests WHERE repo>? ORDER BY repo LIMIT ?",
        rs -> rs.getString(1),
        last == null ? "" : last,
        limit);
  }

  public synchronized List<Referrer> referrers(String repo, Digest subject) {
    return queryList(
        "SELECT m.digest, m.media_type, m.size, m.artifact_type, m.annotations FROM manifests m"
            + " JOIN repo_manifests r ON r.digest=m.digest WHERE r.repo=? AND m.subject=?"
            + " ORDER BY m.digest",
        rs ->
            new Referrer(
                Digest.parse(rs.getString(1)),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5)),
        repo,
        subject.toString());
  }

  // ---- pins, access times and space

  public synchronized void pin(String owner, Digest digest) {
    update("INSERT OR IGNORE INTO pins(owner, digest) VALUES(?,?)", owner, digest.toString());
  }

  /** Drops the owner's pins that are not in {@code keep} (a re-synced set). */
  public synchronized void retainPins(String owner, java.util.Set<Digest> keep) {
    List<Digest> pinned =
        queryList(
            "SELECT digest FROM pins WHERE owner=?", rs -> Digest.parse(rs.getString(1)), owner);
    inTransaction(
        () -> {
          for (Digest d : pinned) {
            if (!keep.contains(d)) {
              update("DELETE FROM pins WHERE owner=? AND digest=?", owner, d.toString());
            }
          }
        });
  }

  /** Records last-access times collected in memory (so reads do not each write to disk). */
  public synchronized void touch(Map<Digest, Long> accesses) {
    inTransaction(
        () -> {
          for (var e : accesses.entrySet()) {
            String d = e.getKey().toString();
            update(
                "UPDATE blobs SET last_access=max(last_access, ?) WHERE digest=?", e.getValue(), d);
            update(
                "UPDATE manifests SET last_access=max(last_access, ?) WHERE digest=?",
                e.getValue(),
                d);
          }
        });
  }

  public synchronized long totalBlobBytes() {
    return queryOne("SELECT coalesce(sum(size), 0) FROM blobs", rs -> rs.getLong(1)).orElse(0L);
  }

  /** The least recently used cached manifest that no pin protects, last used before a time. */
  public synchronized Optional<Digest> leastRecentlyUsedEvictable(long usedBefore) {
    return queryOne(
        "SELECT digest FROM manifests WHERE origin='CACHED' AND last_access<?"
            + " AND digest NOT IN (SELECT digest FROM pins) ORDER BY last_access, digest LIMIT 1",
        rs -> Digest.parse(rs.getString(1)),
        usedBefore);
  }

  /** Blobs no manifest references, untouched since {@code cutoff} (newer ones may be uploads). */
  public synchronized List<Digest> unreferencedBlobs(long cutoff) {
    return queryList(
        "SELECT digest FROM blobs WHERE last_access<? AND digest NOT IN (SELECT child FROM refs)",
        rs -> Digest.parse(rs.getString(1)),
        cutoff);
  }

  /** Forgets a blob if it is still unreferenced; true when the caller may delete the file. */
  public synchronized boolean forgetUnreferencedBlob(Digest digest, long cutoff) {
    boolean[] gone = {false};
    inTransaction(
        () -> {
          String d = digest.toString();
          gone[0] =
              update(
                      "DELETE FROM blobs WHERE digest=? AND last_access<?"
                          + " AND digest NOT IN (SELECT child FROM refs)",
                      d,
                      cutoff)
                  > 0;
          if (gone[0]) {
            update("DELETE FROM repo_blobs WHERE digest=?", d);
          }
        });
    return gone[0];
  }

  @Override
  public synchronized void close() {
    try {
      synchronized (readLock) {
        reads.close();
      }
      db.close();
    } catch (SQLException e) {
      throw new IndexException("cannot close index", e);
    }
  }

  // ---- JDBC plumbing

  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private static List<Digest> concat(List<Digest> a, List<Digest> b) {
    List<Digest> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private void inTransaction(Runnable work) {
    try {
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IndexException("index transaction failed", e);
    }
  }

  private int update(String sql, Object... args) {
    try (PreparedStatement ps = prepare(sql, args)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IndexException(sql, e);
    }
  }

  private <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
    List<T> rows = queryList(sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** One row from the read-only connection, beside (not behind) the writer. */
  private <T> Optional<T> lookup(String sql, RowMapper<T> mapper, Object... args) {
    synchronized (readLock) {
      List<T> rows = queryList(reads, sql, mapper, args);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
  }

  private <T> List<T> queryList(String sql, RowMapper<T> mapper, Object... args) {
    return queryList(db, sql, mapper, args);
  }

  private static <T> List<T> queryList(
      Connection connection, String sql, RowMapper<T> mapper, Object... args) {
    try (PreparedStatement ps = prepare(connection, sql, args);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new IndexException(sql, e);
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    return prepare(db, sql, args);
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... args)
      throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }
}
