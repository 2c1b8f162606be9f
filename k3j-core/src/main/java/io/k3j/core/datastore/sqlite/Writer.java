package io.k3j.core.datastore.sqlite;

import io.k3j.core.datastore.ConflictException;
import io.k3j.core.datastore.DatastoreClosedException;
import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyExistsException;
import io.k3j.core.datastore.KeyNotFoundException;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.StorageException;
import io.k3j.core.datastore.internal.RetentionWindow;
import io.k3j.core.datastore.internal.TtlTracker;
import io.k3j.core.datastore.internal.WatchHub;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that writes. It takes every write that is waiting (up to {@code maxBatch}),
 * applies them in one transaction, commits once (one fsync for the whole group), publishes the
 * changes to the watches and hands the results to a completion thread. Between groups it runs one
 * bounded compaction step at a time, so no writer waits behind a long compaction; once writes stop
 * it truncates the WAL and then touches the disk no more.
 */
final class Writer implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Writer.class);
  private static final Object STOP = new Object();
  private static final long CHECKPOINT_AFTER_IDLE_MILLIS = 1_000;
  private static final long VACUUM_PAGES_PER_STEP = 512;

  /** Compact up to {@code revision}; completes once done. */
  record CompactRequest(long revision, CompletableFuture<Void> result) {}

  private final SqliteOptions options;
  private final Connection conn;
  private final Statement statement;
  private final PreparedStatement latest;
  private final PreparedStatement insert;
  private final PreparedStatement deleteSuperseded;
  private final PreparedStatement deleteTombstones;
  private final PreparedStatement saveCompactRevision;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final TtlTracker ttl;
  private final RetentionWindow retention;
  private final Executor completer;
  private final WriterMetrics metrics;
  private WatchHub hub;

  private volatile long committedRevision;
  private volatile long compactRevision;
  private boolean accepting = true; // guarded by this

  // Owned by the writer thread.
  private long compactTarget;
  private final List<CompactRequest> compactWaiters = new ArrayList<>();
  private long compactStepRevisions = 256;
  private long compactedRows;
  private long vacuumPages;
  private boolean walDirty;
  private long batchMillis; // the clock when the current group started: one time for the group

  Writer(
      SqliteOptions options,
      Connection conn,
      long committedRevision,
      long compactRevision,
      TtlTracker ttl,
      RetentionWindow retention,
      Executor completer)
      throws SQLException {
    this.options = options;
    this.conn = conn;
    this.committedRevision = committedRevision;
    this.compactRevision = compactRevision;
    this.compactTarget = compactRevision;
    this.ttl = ttl;
    this.retention = retention;
    this.completer = completer;
    this.metrics = new WriterMetrics(options.meters(), this);
    statement = conn.createStatement();
    latest =
        conn.prepareStatement(
            "SELECT " + Row.columns("kv") + " FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1");
    insert =
        conn.prepareStatement(
            "INSERT INTO kv (id, name, created, deleted, create_revision, prev_revision, lease,"
                + " expires_at, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    // A change at or below the target supersedes the version it replaced; deletes go entirely.
    deleteSuperseded =
        conn.prepareStatement(
            "DELETE FROM kv WHERE id IN (SELECT prev_revision FROM kv WHERE id > ? AND id <= ?"
                + " AND prev_revision > 0)");
    deleteTombstones = conn.prepareStatement("DELETE FROM kv WHERE id > ? AND id <= ? AND deleted");
    saveCompactRevision =
        conn.prepareStatement("UPDATE meta SET value = ? WHERE key = 'compact_revision'");
  }

  void attach(WatchHub hub) {
    this.hub = hub;
  }

  long committedRevision() {
    return committedRevision;
  }

  long compactRevision() {
    return compactRevision;
  }

  synchronized void submit(Mutation mutation) {
    if (!accepting) {
      mutation.result().completeExceptionally(new DatastoreClosedException("datastore is closed"));
      return;
    }
    queue.add(mutation);
  }

  synchronized void submit(CompactRequest request) {
    if (!accepting) {
      request.result().completeExceptionally(new DatastoreClosedException("datastore is closed"));
      return;
    }
    queue.add(request);
  }

  /** Writes queued so far are still committed; later ones are refused. */
  synchronized void stop() {
    if (accepting) {
      accepting = false;
      queue.add(STOP);
    }
  }

  @Override
  public void run() {
    List<Object> batch = new ArrayList<>();
    List<Mutation> mutations = new ArrayList<>();
    try {
      while (true) {
        Object first = next();
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, options.maxBatch() - 1);
        boolean stop = false;
        for (Object op : batch) {
          if (op == STOP) {
            stop = true;
          } else if (op instanceof Mutation) {
            mutations.add((Mutation) op);
          } else {
            requestCompaction((CompactRequest) op);
          }
        }
        batch.clear();
        if (!mutations.isEmpty()) {
          // A new array, as the completion thread reads the group later. Not List.copyOf: a group
          // of one or two is another class than a bigger one, with its own index branches, so the
          // compiled commit (code of its loops specialised while a single writer made every group
          // one write) was thrown away and compiled again, once per loop, when many writers came:
          // 3 extra C2 compiles of 140 ms each in the first seconds of 32 clients (issue 3).
          commit(mutations.toArray(new Mutation[0]));
          mutations.clear();
        }
        if (stop) {
          return;
        }
        maintain();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      DatastoreClosedException closed = new DatastoreClosedException("datastore closed");
      compactWaiters.forEach(w -> w.result().completeExceptionally(closed));
      for (Object op : queue) {
        if (op instanceof Mutation) {
          ((Mutation) op).result().completeExceptionally(closed);
        } else if (op instanceof CompactRequest) {
          ((CompactRequest) op).result().completeExceptionally(closed);
        }
      }
    }
  }

  /** The next operation, or null after doing a piece of maintenance instead. */
  private Object next() throws InterruptedException {
    if (maintenancePending()) {
      Object op = queue.poll();
      if (op == null) {
        maintain();
      }
      return op;
    }
    if (walDirty) {
      Object op = queue.poll(CHECKPOINT_AFTER_IDLE_MILLIS, TimeUnit.MILLISECONDS);
      if (op == null) {
        checkpoint();
      }
      return op;
    }
    return queue.take();
  }

  // ---- writes ----

  private void commit(Mutation[] mutations) {
    long revision = committedRevision;
    List<Event> events = new ArrayList<>(mutations.length);
    Object[] outcomes = new Object[mutations.length];
    long started = System.nanoTime();
    batchMillis = options.clock().millis();
    try {
      statement.execute("BEGIN IMMEDIATE");
      for (int i = 0; i < mutations.length; i++) {
        try {
          Event event = apply(mutations[i], revision + 1);
          revision++;
          events.add(event);
          outcomes[i] = event.kv();
        } catch (DatastoreException e) {
          outcomes[i] = e;
        }
      }
      statement.execute(events.isEmpty() ? "ROLLBACK" : "COMMIT");
    } catch (SQLException e) {
      rollbackQuietly();
      StorageException failure =
          new StorageException("datastore write failed, nothing was written: " + e.getMessage(), e);
      log.error("datastore commit of {} writes failed: {}", mutations.length, e.getMessage());
      metrics.failed(mutations.length);
      completer.execute(
          () -> {
            for (Mutation m : mutations) {
              m.result().completeExceptionally(failure);
            }
          });
      return;
    }
    if (!events.isEmpty()) {
      committedRevision = revision;
      walDirty = true;
      retention.committed(revision);
      for (int i = 0; i < mutations.length; i++) {
        if (outcomes[i] instanceof KeyValue) {
          trackExpiry(mutations[i], (KeyValue) outcomes[i]);
        }
      }
    }
    // Metered before anyone hears of it; callers before watches, so an acknowledgement does not
    // wait for the fan-out.
    metrics.committed(mutations, outcomes, System.nanoTime() - started);
    completer.execute(() -> complete(mutations, outcomes));
    hub.publish(events);
  }

  private Event apply(Mutation m, long revision) throws SQLException {
    Row current = latest(m.name());
    boolean live = current != null && !current.deleted();
    switch (m.kind()) {
      case CREATE:
        if (live) {
          throw new KeyExistsException(current.toKeyValue());
        }
        insert(revision, m, true, false, revision, 0, m.value());
        return new Event(Event.Type.CREATE, kv(m, m.value(), revision, revision), null);
      case UPDATE:
        checkExpected(m, current, live);
        insert(revision, m, false, false, current.createRevision(), current.id(), m.value());
        return new Event(
            Event.Type.UPDATE,
            kv(m, m.value(), current.createRevision(), revision),
            current.toKeyValue());
      case DELETE:
        checkExpected(m, current, live);
        insert(revision, m, false, true, current.createRevision(), current.id(), current.value());
        return new Event(
            Event.Type.DELETE,
            new KeyValue(m.key(), current.value(), current.createRevision(), revision, 0),
            current.toKeyValue());
      default:
        throw new IllegalStateException("unknown mutation " + m.kind());
    }
  }

  private static void checkExpected(Mutation m, Row current, boolean live) {
    if (!live) {
      throw new KeyNotFoundException(m.key());
    }
    if (m.expectedRevision() != 0 && m.expectedRevision() != current.id()) {
      throw new ConflictException(current.toKeyValue(), m.expectedRevision());
    }
  }

  private static KeyValue kv(Mutation m, byte[] value, long createRevision, long revision) {
    return new KeyValue(m.key(), value, createRevision, revision, m.ttlSeconds());
  }

  private Row latest(byte[] name) throws SQLException {
    latest.setBytes(1, name);
    try (ResultSet rs = latest.executeQuery()) {
      return rs.next() ? Row.read(rs, 1) : null;
    }
  }

  private void insert(
      long revision,
      Mutation m,
      boolean created,
      boolean deleted,
      long createRevision,
      long prevRevision,
      byte[] value)
      throws SQLException {
    long lease = deleted ? 0 : m.ttlSeconds();
    insert.setLong(1, revision);
    insert.setBytes(2, m.name());
    insert.setInt(3, created ? 1 : 0);
    insert.setInt(4, deleted ? 1 : 0);
    insert.setLong(5, createRevision);
    insert.setLong(6, prevRevision);
    insert.setLong(7, lease);
    insert.setLong(8, expiresAt(lease));
    insert.setBytes(9, value);
    insert.executeUpdate();
  }

  private void trackExpiry(Mutation m, KeyValue written) {
    long lease = m.kind() == Mutation.Kind.DELETE ? 0 : m.ttlSeconds();
    ttl.track(m.key(), written.modRevision(), expiresAt(lease));
  }

  private long expiresAt(long leaseSeconds) {
    return leaseSeconds > 0 ? batchMillis + leaseSeconds * 1_000 : 0;
  }

  private static void complete(Mutation[] mutations, Object[] outcomes) {
    for (int i = 0; i < mutations.length; i++) {
      CompletableFuture<KeyValue> result = mutations[i].result();
      if (outcomes[i] instanceof KeyValue) {
        result.complete((KeyValue) outcomes[i]);
      } else {
        result.completeExceptionally((DatastoreException) outcomes[i]);
      }
    }
  }

  // ---- maintenance: compaction, vacuum, checkpoint ----

  private boolean maintenancePending() {
    return compactTarget > compactRevision || vacuumPages > 0;
  }

  private void maintain() {
    if (compactTarget > compactRevision) {
      compactStep();
    } else if (vacuumPages > 0) {
      vacuumStep();
    }
  }

  private void requestCompaction(CompactRequest request) {
    long target = Math.min(request.revision(), committedRevision);
    if (target <= compactRevision) {
      request.result().complete(null);
      return;
    }
    compactTarget = Math.max(compactTarget, target);
    compactWaiters.add(request);
  }

  /** Drops the history of one slice of revisions in its own short transaction. */
  private void compactStep() {
    long from = compactRevision;
    long to = Math.min(compactTarget, from + compactStepRevisions);
    compactRevision = to; // readers refuse revisions below this before any row goes
    long started = System.nanoTime();
    int rows;
    try {
      statement.execute("BEGIN IMMEDIATE");
      deleteSuperseded.setLong(1, from);
      deleteSuperseded.setLong(2, to);
      rows = deleteSuperseded.executeUpdate();
      deleteTombstones.setLong(1, from);
      deleteTombstones.setLong(2, to);
      rows += deleteTombstones.executeUpdate();
      saveCompactRevision.setLong(1, to);
      saveCompactRevision.executeUpdate();
      statement.execute("COMMIT");
    } catch (SQLException e) {
      rollbackQuietly();
      compactRevision = from;
      compactTarget = from;
      log.warn("datastore compaction to revision {} failed: {}", to, e.getMessage());
      StorageException failure = new StorageException("compaction failed: " + e.getMessage(), e);
      compactWaiters.forEach(w -> w.result().completeExceptionally(failure));
      compactWaiters.clear();
      return;
    }
    long elapsed = System.nanoTime() - started;
    walDirty = true;
    compactedRows += rows;
    metrics.compacted(rows, elapsed);
    adaptStep(elapsed);
    if (to == compactTarget) {
      finishCompaction();
    }
  }

  /**
   * Keeps each step well inside the budget whatever the disk and row sizes are: halve above a third
   * of it, grow by half below an eighth; the commit's fsync is part of the step.
   */
  private void adaptStep(long elapsedNanos) {
    long budget = options.compactStepBudget().toNanos();
    if (elapsedNanos > budget / 3) {
      compactStepRevisions = Math.max(16, compactStepRevisions / 2);
    } else if (elapsedNanos < budget / 8) {
      compactStepRevisions = Math.min(1_000_000, compactStepRevisions + compactStepRevisions / 2);
    }
  }

  private void finishCompaction() {
    log.info("datastore compacted to revision {}: {} rows removed", compactRevision, compactedRows);
    compactedRows = 0;
    compactWaiters.removeIf(
        w -> {
          if (Math.min(w.revision(), committedRevision) <= compactRevision) {
            w.result().complete(null);
            return true;
          }
          return false;
        });
    vacuumPages = pagesWorthFreeing();
  }

  /** Free pages worth giving back to the file system: more than a quarter of the file. */
  private long pagesWorthFreeing() {
    try (ResultSet free = statement.executeQuery("PRAGMA freelist_count")) {
      long freePages = free.next() ? free.getLong(1) : 0;
      try (ResultSet all = statement.executeQuery("PRAGMA page_count")) {
        long pages = all.next() ? all.getLong(1) : 0;
        return freePages > 256 && freePages * 4 > pages ? freePages - pages / 8 : 0;
      }
    } catch (SQLException e) {
      log.warn("datastore could not read its free page count: {}", e.getMessage());
      return 0;
    }
  }

  private void vacuumStep() {
    long pages = Math.min(vacuumPages, VACUUM_PAGES_PER_STEP);
    try {
      statement.execute("BEGIN IMMEDIATE");
      // SQLite frees one page per step of this pragma and the driver steps once per execute;
      // closing the statement finishes it, so the commit is not blocked by a statement in progress.
      for (long i = 0; i < pages; i++) {
        try (Statement vacuum = conn.createStatement()) {
          vacuum.execute("PRAGMA incremental_vacuum(1)");
        }
      }
      statement.execute("COMMIT");
      vacuumPages -= pages;
      walDirty = true;
    } catch (SQLException e) {
      rollbackQuietly();
      vacuumPages = 0;
      log.warn("datastore incremental vacuum failed: {}", e.getMessage());
    }
  }

  /** Copies the WAL into the database and truncates it, once writes have paused. */
  private void checkpoint() {
    try (ResultSet rs = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      boolean busy = rs.next() && rs.getInt(1) != 0;
      walDirty = busy; // a reader held it up: try again after the next pause
    } catch (SQLException e) {
      log.warn("datastore WAL checkpoint failed: {}", e.getMessage());
    }
  }

  private void rollbackQuietly() {
    try {
      statement.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction was open
    }
  }

  void closeConnection() {
    try {
      conn.close();
    } catch (SQLException e) {
      log.warn("datastore connection did not close cleanly: {}", e.getMessage());
    }
  }
}
