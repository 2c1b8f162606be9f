package io.k3j.registry.internal.cache;

import io.k3j.registry.internal.store.Digest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * A digest computed on its own thread from buffers that another thread writes: the bytes of an
 * upstream fetch reach the file (and the clients reading it) without waiting for the hash. Nothing
 * is copied for the hash: the buffers are either the HTTP client's own (it hands out a fresh buffer
 * for every read and never reuses one it delivered) or a reader's own, which it reuses once told
 * they are hashed; a fixed number of permits bounds how many buffers the hash may fall behind by.
 */
final class PipelinedDigest implements AutoCloseable {
  private record Queued(ByteBuffer bytes, Runnable hashed) {}

  private static final Queued END = new Queued(ByteBuffer.allocate(0), null);

  private final String algorithm;
  private final Semaphore room;
  private final BlockingQueue<Queued> queued;
  private final CompletableFuture<Digest> result = new CompletableFuture<>();
  private boolean ended;

  /** Starts the hashing task on {@code executor}; at most {@code buffers} wait for it. */
  PipelinedDigest(String algorithm, int buffers, Executor executor) {
    this.algorithm = algorithm;
    this.room = new Semaphore(buffers);
    this.queued = new ArrayBlockingQueue<>(buffers + 1);
    MessageDigest md = Digest.newMessageDigest(algorithm);
    executor.execute(() -> run(md));
  }

  private void run(MessageDigest md) {
    try {
      for (Queued item = queued.take(); item != END; item = queued.take()) {
        md.update(item.bytes());
        room.release();
        if (item.hashed() != null) {
          item.hashed().run();
        }
      }
      result.complete(Digest.finish(algorithm, md));
    } catch (InterruptedException | RuntimeException e) {
      result.completeExceptionally(e);
      room.release(1 << 20); // a writer waiting for room must not wait forever
    }
  }

  /**
   * Hashes the remaining bytes of {@code bytes} (its position is left alone); their content must
   * not change afterwards. Waits while the hash is {@code buffers} behind.
   */
  void hash(ByteBuffer bytes) throws InterruptedException {
    hash(bytes, null);
  }

  /**
   * As {@link #hash(ByteBuffer)}, then runs {@code hashed} (unless null) on the hashing thread once
   * the bytes are hashed: from then on their buffer may be reused. Buffers are hashed in the order
   * they were handed over.
   */
  void hash(ByteBuffer bytes, Runnable hashed) throws InterruptedException {
    room.acquire();
    queued.add(new Queued(bytes.duplicate(), hashed));
  }

  /** The digest of every byte handed over, once the hashing thread caught up. */
  Digest digest() throws InterruptedException, ExecutionException {
    close();
    return result.get();
  }

  /** Ends the hashing task (also when the copy failed half-way). */
  @Override
  public void close() {
    if (!ended) {
      ended = true;
      queued.add(END);
    }
  }
}
