package io.k3j.core.datastore.sqlite;

import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyValue;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of the {@code kv} table: one change to one key. {@code id} is the revision of the change.
 * A delete is a row with {@code deleted} set whose value is the value that was deleted.
 */
record Row(
    long id,
    byte[] name,
    boolean created,
    boolean deleted,
    long createRevision,
    long prevRevision,
    long lease,
    byte[] value) {

  /** The columns {@link #read} expects, in order, for a table alias. */
  static String columns(String alias) {
    return String.join(
        ", ",
        alias + ".id",
        alias + ".name",
        alias + ".created",
        alias + ".deleted",
        alias + ".create_revision",
        alias + ".prev_revision",
        alias + ".lease",
        alias + ".value");
  }

  static Row read(ResultSet rs, int first) throws SQLException {
    return new Row(
        rs.getLong(first),
        rs.getBytes(first + 1),
        rs.getInt(first + 2) != 0,
        rs.getInt(first + 3) != 0,
        rs.getLong(first + 4),
        rs.getLong(first + 5),
        rs.getLong(first + 6),
        nonNull(rs.getBytes(first + 7)));
  }

  String key() {
    return new String(name, StandardCharsets.UTF_8);
  }

  KeyValue toKeyValue() {
    return new KeyValue(key(), value, createRevision, id, lease);
  }

  Event.Type eventType() {
    if (deleted) {
      return Event.Type.DELETE;
    }
    return created ? Event.Type.CREATE : Event.Type.UPDATE;
  }

  private static byte[] nonNull(byte[] value) {
    return value == null ? new byte[0] : value;
  }
}
