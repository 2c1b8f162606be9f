package io.k3j.core.datastore;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A revisioned key-value log with kine/etcd semantics: every change gets the next value of one
 * global, strictly increasing revision, and the history after the compact revision can be read and
 * watched.
 *
 * <p>Reads are synchronous. Writes return a future that completes once the change is committed
 * (and, in the default durable mode, synced to disk); it fails with a {@link DatastoreException}
 * subtype and changes nothing when the precondition does not hold. Futures are completed off the
 * writer thread, so callbacks never hold up other writers.
 *
 * <p>A {@code revision} argument of {@code 0} means "the current revision".
 */
public interface Backend extends AutoCloseable {

  /** The revision of the newest committed change (0 for an empty store). */
  long currentRevision();

  /** Changes at or below this revision may be gone; reads and watches below it fail. */
  long compactRevision();

  /**
   * The key as it was at {@code revision}.
   *
   * @throws CompactedException when {@code revision} is below the compact revision
   * @throws FutureRevisionException when {@code revision} is above the current revision
   */
  Optional<KeyValue> get(String key, long revision);

  /**
   * Live keys starting with {@code prefix}, in key order, as they were at {@code revision}. With a
   * continue token from a previous page, the revision is the token's and {@code revision} must be 0
   * or equal to it. {@code limit <= 0} means no limit.
   */
  ListResult list(String prefix, long revision, int limit, String continueToken);

  /** The number of live keys starting with {@code prefix} at the current revision. */
  long count(String prefix);

  /**
   * Creates the key. Fails with {@link KeyExistsException} when it exists. A positive {@code
   * ttlSeconds} deletes the key that long after this write unless it is updated first.
   */
  CompletableFuture<KeyValue> create(String key, byte[] value, long ttlSeconds);

  /**
   * Replaces the value when the key's mod revision equals {@code expectedRevision} (0: any). Fails
   * with {@link ConflictException} carrying the current value on mismatch, {@link
   * KeyNotFoundException} when the key does not exist.
   */
  CompletableFuture<KeyValue> update(
      String key, byte[] value, long expectedRevision, long ttlSeconds);

  /**
   * Deletes the key when its mod revision equals {@code expectedRevision} (0: any). Completes with
   * the deleted value, whose mod revision is the revision of the delete.
   */
  CompletableFuture<KeyValue> delete(String key, long expectedRevision);

  /**
   * Delivers every change to keys starting with {@code prefix} after {@code afterRevision}, exactly
   * once and in revision order, then live changes as they commit. {@code afterRevision = 0} means
   * from now on.
   *
   * @throws CompactedException when {@code afterRevision} is below the compact revision
   */
  Watch watch(String prefix, long afterRevision, WatchListener listener);

  /**
   * Drops the history at and below {@code revision}; the state at {@code revision} stays readable.
   */
  CompletableFuture<Void> compact(long revision);

  /** Stops accepting writes, finishes the ones already queued, and closes the watches. */
  @Override
  void close();
}
