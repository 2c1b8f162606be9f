package io.k3j.core.datastore.sqlite;

import io.k3j.core.datastore.DatastoreClosedException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.StorageException;
import io.k3j.core.datastore.internal.KeyRange;
import io.k3j.core.datastore.internal.TtlTracker;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Queries on a small pool of read-only connections. Every query names the revision it reads at
 * ({@code id <= revision}), so a statement sees a consistent snapshot at that revision however many
 * writes commit meanwhile; WAL mode lets these run while the writer commits.
 */
final class Reader implements AutoCloseable {

  /** A page of keys and whether more follow. */
  record Page(List<Row> rows, boolean more) {}

  private static final String LATEST_AT =
      "i.id = (SELECT MAX(j.id) FROM kv j WHERE j.name = i.name" + " AND j.id <= ?)";

  private final BlockingQueue<Session> pool;
  private volatile boolean closed;

  Reader(SqliteOptions options, int connections) throws SQLException {
    pool = new ArrayBlockingQueue<>(connections);
    for (int i = 0; i < connections; i++) {
      pool.add(new Session(Schema.openReader(options)));
    }
  }

  Optional<KeyValue> get(byte[] key, long revision) {
    return query(
        s -> {
          PreparedStatement st = s.get;
          st.setBytes(1, key);
          st.setLong(2, revision);
          try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            Row row = Row.read(rs, 1);
            return row.deleted() ? Optional.empty() : Optional.of(row.toKeyValue());
          }
        });
  }

  Page list(KeyRange range, long revision, int limit) {
    return query(
        s -> {
          PreparedStatement st = range.end() == null ? s.listOpen : s.listBounded;
          int i = bindRange(st, 1, range);
          st.setLong(i++, revision);
          st.setLong(i, limit > 0 ? limit + 1L : -1L);
          List<Row> rows = new ArrayList<>();
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              rows.add(Row.read(rs, 1));
            }
          }
          boolean more = limit > 0 && rows.size() > limit;
          return new Page(more ? rows.subList(0, limit) : rows, more);
        });
  }

  long count(KeyRange range, long revision) {
    return query(
        s -> {
          PreparedStatement st = range.end() == null ? s.countOpen : s.countBounded;
          int i = bindRange(st, 1, range);
          st.setLong(i, revision);
          try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
          }
        });
  }

  /** Changes in {@code range} with {@code after < id <= upTo}, with the versions they replaced. */
  List<Event> history(KeyRange range, long after, long upTo, int limit) {
    return query(
        s -> {
          PreparedStatement st = range.end() == null ? s.historyOpen : s.historyBounded;
          st.setLong(1, after);
          st.setLong(2, upTo);
          int i = bindRange(st, 3, range);
          st.setInt(i, limit);
          List<Event> events = new ArrayList<>();
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              Row row = Row.read(rs, 1);
              KeyValue prev = null;
              long prevId = rs.getLong(9);
              if (!rs.wasNull() && !row.created()) {
                byte[] prevValue = rs.getBytes(12);
                prev =
                    new KeyValue(
                        row.key(),
                        prevValue == null ? new byte[0] : prevValue,
                        rs.getLong(10),
                        prevId,
                        rs.getLong(11));
              }
              events.add(new Event(row.eventType(), row.toKeyValue(), prev));
            }
          }
          return events;
        });
  }

  /** The newest version of every live key that expires, for rebuilding the TTL schedule. */
  List<TtlTracker.Expiry> expiring() {
    return query(
        s -> {
          List<TtlTracker.Expiry> result = new ArrayList<>();
          try (ResultSet rs = s.expiring.executeQuery()) {
            while (rs.next()) {
              String key = new String(rs.getBytes(1), StandardCharsets.UTF_8);
              result.add(new TtlTracker.Expiry(key, rs.getLong(2), rs.getLong(3)));
            }
          }
          return result;
        });
  }

  private static int bindRange(PreparedStatement st, int first, KeyRange range)
      throws SQLException {
    st.setBytes(first, range.start());
    if (range.end() == null) {
      return first + 1;
    }
    st.setBytes(first + 1, range.end());
    return first + 2;
  }

  private interface Query<T> {
    T run(Session session) throws SQLException;
  }

  private <T> T query(Query<T> query) {
    Session session;
    try {
      session = pool.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatastoreClosedException("interrupted while waiting for a read connection");
    }
    try {
      if (closed) {
        throw new DatastoreClosedException("datastore is closed");
      }
      return query.run(session);
    } catch (SQLException e) {
      throw new StorageException("datastore read failed: " + e.getMessage(), e);
    } finally {
      pool.add(session);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Session session : pool) {
      session.close();
    }
  }

  /** A connection with its prepared statements. */
  private static final class Session {
    private final Connection conn;
    private final PreparedStatement get;
    private final PreparedStatement listOpen;
    private final PreparedStatement listBounded;
    private final PreparedStatement countOpen;
    private final PreparedStatement countBounded;
    private final PreparedStatement historyOpen;
    private final PreparedStatement historyBounded;
    private final PreparedStatement expiring;

    Session(Connection conn) throws SQLException {
      this.conn = conn;
      get =
          conn.prepareStatement(
              "SELECT "
                  + Row.columns("kv")
                  + " FROM kv WHERE name = ? AND id <= ? ORDER BY id DESC LIMIT 1");
      listOpen = conn.prepareStatement(listSql(false));
      listBounded = conn.prepareStatement(listSql(true));
      countOpen = conn.prepareStatement(countSql(false));
      countBounded = conn.prepareStatement(countSql(true));
      historyOpen = conn.prepareStatement(historySql(false));
      historyBounded = conn.prepareStatement(historySql(true));
      expiring =
          conn.prepareStatement(
              "SELECT i.name, i.id, i.expires_at FROM kv i WHERE i.expires_at > 0"
                  + " AND i.deleted = 0 AND i.id = (SELECT MAX(j.id) FROM kv j"
                  + " WHERE j.name = i.name)");
    }

    private static String nameRange(String alias, boolean bounded) {
      return alias + ".name >= ?" + (bounded ? " AND " + alias + ".name < ?" : "");
    }

    private static String listSql(boolean bounded) {
      return "SELECT "
          + Row.columns("i")
          + " FROM kv i WHERE "
          + nameRange("i", bounded)
          + " AND "
          + LATEST_AT
          + " AND i.deleted = 0 ORDER BY i.name LIMIT ?";
    }

    private static String countSql(boolean bounded) {
      return "SELECT COUNT(*) FROM kv i WHERE "
          + nameRange("i", bounded)
          + " AND "
          + LATEST_AT
          + " AND i.deleted = 0";
    }

    private static String historySql(boolean bounded) {
      return "SELECT "
          + Row.columns("c")
          + ", p.id, p.create_revision, p.lease, p.value"
          + " FROM kv c LEFT JOIN kv p ON p.id = c.prev_revision"
          + " WHERE c.id > ? AND c.id <= ? AND "
          + nameRange("c", bounded)
          + " ORDER BY c.id LIMIT ?";
    }

    void close() {
      try {
        conn.close();
      } catch (SQLException ignored) {
        // closing on shutdown: nothing left to do with the error
      }
    }
  }
}
