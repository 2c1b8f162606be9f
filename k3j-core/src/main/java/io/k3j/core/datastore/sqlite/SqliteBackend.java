package io.k3j.core.datastore.sqlite;

import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.CompactedException;
import io.k3j.core.datastore.DatastoreStartupException;
import io.k3j.core.datastore.FutureRevisionException;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.ListResult;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import io.k3j.core.datastore.internal.ContinueToken;
import io.k3j.core.datastore.internal.KeyRange;
import io.k3j.core.datastore.internal.RetentionWindow;
import io.k3j.core.datastore.internal.TtlTracker;
import io.k3j.core.datastore.internal.WatchHub;
import io.k3j.core.datastore.internal.WatchMetrics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite driver: one writer thread doing group commits ({@link Writer}), a pool of read
 * connections ({@link Reader}), direct watch fan-out ({@link WatchHub}), and a maintenance timer
 * that expires keys and schedules compaction. See {@code k3j-core/DESIGN.md}.
 */
public final class SqliteBackend implements Backend {
  private static final Logger log = LoggerFactory.getLogger(SqliteBackend.class);
  private static final int READ_CONNECTIONS = 4;

  private final SqliteOptions options;
  private final DatastoreLock lock;
  private final Writer writer;
  private final Thread writerThread;
  private final Reader reader;
  private final WatchHub hub;
  private final TtlTracker ttl;
  private final RetentionWindow retention;
  private final ExecutorService completer;
  private final ExecutorService dispatcher;
  private final ScheduledExecutorService maintenance;
  private long lastCompactCheckMillis;

  private SqliteBackend(SqliteOptions options, DatastoreLock lock, Connection conn)
      throws SQLException {
    this.options = options;
    this.lock = lock;
    long compacted = readCompactRevision(conn);
    long current = Math.max(compacted, readMaxRevision(conn));
    this.ttl = new TtlTracker();
    this.retention =
        new RetentionWindow(
            options.clock(), options.minHistory(), options.minHistoryRevisions(), current);
    this.completer = Executors.newSingleThreadExecutor(daemon("k3j-datastore-complete"));
    this.dispatcher = Executors.newCachedThreadPool(daemon("k3j-watch"));
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(daemon("k3j-datastore-maintenance"));
    this.writer = new Writer(options, conn, current, compacted, ttl, retention, completer);
    this.reader = new Reader(options, READ_CONNECTIONS);
    this.hub =
        new WatchHub(
            this::history,
            writer::compactRevision,
            dispatcher,
            options.watchBuffer(),
            current,
            new WatchMetrics(options.meters()));
    writer.attach(hub);
    reader.expiring().forEach(e -> ttl.track(e.key(), e.revision(), e.expiresAtMillis()));
    this.writerThread = daemon("k3j-datastore-writer").newThread(writer);
  }

  /**
   * Opens (or creates) the datastore file.
   *
   * @throws DatastoreStartupException naming the file and what to do when it is locked, corrupt or
   *     unreadable
   */
  public static SqliteBackend open(SqliteOptions options) {
    DatastoreLock lock = DatastoreLock.acquire(options.file());
    Connection conn = null;
    try {
      conn = Schema.openWriter(options);
      SqliteBackend backend = new SqliteBackend(options, lock, conn);
      backend.start();
      return backend;
    } catch (SQLException e) {
      closeQuietly(conn);
      lock.release();
      throw Schema.explain(options.file(), e);
    } catch (RuntimeException e) {
      closeQuietly(conn);
      lock.release();
      throw e;
    }
  }

  private void start() {
    writerThread.start();
    long period = options.maintenanceInterval().toMillis();
    maintenance.scheduleWithFixedDelay(this::maintain, period, period, TimeUnit.MILLISECONDS);
    lastCompactCheckMillis = options.clock().millis();
    log.info(
        "datastore opened file={} revision={} compactRevision={} sync={}",
        options.file(),
        writer.committedRevision(),
        writer.compactRevision(),
        options.sync());
  }

  @Override
  public long currentRevision() {
    return writer.committedRevision();
  }

  @Override
  public long compactRevision() {
    return writer.compactRevision();
  }

  @Override
  public Optional<KeyValue> get(String key, long revision) {
    long at = readRevision(revision);
    Optional<KeyValue> result = reader.get(key.getBytes(StandardCharsets.UTF_8), at);
    checkNotCompacted(at);
    return result;
  }

  @Override
  public ListResult list(String prefix, long revision, int limit, String continueToken) {
    KeyRange range = KeyRange.prefix(prefix);
    long at;
    ContinueToken token = null;
    if (continueToken != null && !continueToken.isEmpty()) {
      token = ContinueToken.decode(continueToken);
      if (revision != 0 && revision != token.revision()) {
        throw new IllegalArgumentException(
            "revision " + revision + " differs from the continue token's " + token.revision());
      }
      if (!range.contains(token.startKey())) {
        throw new IllegalArgumentException("continue token does not belong to prefix " + prefix);
      }
      at = readRevision(token.revision());
      range = range.from(token.startKey());
    } else {
      at = readRevision(revision);
    }
    Reader.Page page = reader.list(range, at, limit);
    List<KeyValue> items = page.rows().stream().map(Row::toKeyValue).toList();
    String next = null;
    long remaining = 0;
    if (page.more()) {
      byte[] last = page.rows().get(page.rows().size() - 1).name();
      byte[] nextKey = ContinueToken.keyAfter(last);
      // Counted once per list: later pages subtract what they returned from the snapshot's count.
      remaining =
          token == null
              ? reader.count(range.from(nextKey), at)
              : Math.max(0, token.remaining() - items.size());
      next = new ContinueToken(at, remaining, nextKey).encode();
    }
    checkNotCompacted(at);
    return new ListResult(items, at, next, remaining);
  }

  @Override
  public long count(String prefix) {
    return reader.count(KeyRange.prefix(prefix), writer.committedRevision());
  }

  @Override
  public CompletableFuture<KeyValue> create(String key, byte[] value, long ttlSeconds) {
    return write(Mutation.of(Mutation.Kind.CREATE, key, value, 0, ttlSeconds));
  }

  @Override
  public CompletableFuture<KeyValue> update(
      String key, byte[] value, long expectedRevision, long ttlSeconds) {
    return write(Mutation.of(Mutation.Kind.UPDATE, key, value, expectedRevision, ttlSeconds));
  }

  @Override
  public CompletableFuture<KeyValue> delete(String key, long expectedRevision) {
    return write(Mutation.of(Mutation.Kind.DELETE, key, null, expectedRevision, 0));
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    // "From now" is after the newest acknowledged write, which may not be published yet.
    long after = afterRevision == 0 ? writer.committedRevision() : afterRevision;
    return hub.watch(prefix, after, listener);
  }

  @Override
  public CompletableFuture<Void> compact(long revision) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    writer.submit(new Writer.CompactRequest(revision, result));
    return result;
  }

  @Override
  public void close() {
    maintenance.shutdownNow();
    writer.stop();
    try {
      writerThread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    hub.close();
    completer.shutdown();
    dispatcher.shutdown();
    try {
      completer.awaitTermination(5, TimeUnit.SECONDS);
      dispatcher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.close();
    writer.closeConnection();
    lock.release();
    log.info("datastore closed file={} revision={}", options.file(), writer.committedRevision());
  }

  private CompletableFuture<KeyValue> write(Mutation mutation) {
    writer.submit(mutation);
    return mutation.result();
  }

  private List<io.k3j.core.datastore.Event> history(
      KeyRange range, long after, long upTo, int limit) {
    return reader.history(range, after, upTo, limit);
  }

  /** The revision a read runs at, after checking that it can be served. */
  private long readRevision(long requested) {
    long current = writer.committedRevision();
    if (requested == 0) {
      return current;
    }
    if (requested > current) {
      throw new FutureRevisionException(requested, current);
    }
    checkNotCompacted(requested);
    return requested;
  }

  /** Also called after a read: compaction that passed the revision meanwhile spoils the result. */
  private void checkNotCompacted(long revision) {
    long compacted = writer.compactRevision();
    if (revision < compacted) {
      throw new CompactedException(revision, compacted);
    }
  }

  /** Expires keys whose time is up and starts compaction when enough history has aged. */
  private void maintain() {
    try {
      long now = options.clock().millis();
      for (TtlTracker.Expiry expiry : ttl.due(now)) {
        writer.submit(Mutation.expire(expiry.key(), expiry.revision()));
      }
      if (now - lastCompactCheckMillis >= options.compactInterval().toMillis()) {
        lastCompactCheckMillis = now;
        long target = retention.compactableUpTo(writer.committedRevision());
        if (target > writer.compactRevision()) {
          writer.submit(new Writer.CompactRequest(target, new CompletableFuture<>()));
        }
      }
    } catch (RuntimeException e) {
      log.warn("datastore maintenance failed: {}", e.getMessage(), e);
    }
  }

  private static long readCompactRevision(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'compact_revision'")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static long readMaxRevision(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM kv")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void closeQuietly(Connection conn) {
    if (conn != null) {
      try {
        conn.close();
      } catch (SQLException ignored) {
        // already failing; the first error is the one reported
      }
    }
  }
}
