package io.k3j.core.datastore;

/**
 * One version of a key. {@code modRevision} is the revision of the change that wrote it; for a
 * delete it is the revision of the delete and {@code value} is the value that was deleted.
 *
 * <p>{@code value} is shared, not copied: callers must not modify it.
 */
public record KeyValue(
    String key, byte[] value, long createRevision, long modRevision, long ttlSeconds) {}
