package io.k3j.core.datastore.sqlite;

import io.k3j.core.datastore.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A write waiting for the writer. {@code expectedRevision} 0 means any; {@code expiry} marks the
 * deletes the TTL sweeper makes, whose failures are expected and not counted as errors.
 */
record Mutation(
    Kind kind,
    String key,
    byte[] name,
    byte[] value,
    long expectedRevision,
    long ttlSeconds,
    boolean expiry,
    CompletableFuture<KeyValue> result) {

  enum Kind {
    CREATE,
    UPDATE,
    DELETE
  }

  static Mutation of(Kind kind, String key, byte[] value, long expectedRevision, long ttlSeconds) {
    return new Mutation(
        kind,
        key,
        key.getBytes(StandardCharsets.UTF_8),
        value,
        expectedRevision,
        ttlSeconds,
        false,
        new CompletableFuture<>());
  }

  static Mutation expire(String key, long revision) {
    return new Mutation(
        Kind.DELETE,
        key,
        key.getBytes(StandardCharsets.UTF_8),
        null,
        revision,
        0,
        true,
        new CompletableFuture<>());
  }
}
