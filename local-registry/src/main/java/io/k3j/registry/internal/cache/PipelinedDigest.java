package io.k3j.registry.internal.cache;

import io.k3j.registry.internal.store.Digest;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * A digest computed on its own thread from buffers that another thread fills and writes: the bytes
 * of an upstream fetch reach the file (and the clients reading it) without waiting for the hash,
 * which is the slowest step of a copy (SHA-256 runs at well under 1 GB/s per core, a page-cache
 * write at several). A fixed pool of buffers bounds how far the hash may fall behind; the filling
 * thread takes a free buffer, fills it, writes it, and hands it over with {@link #hash}.
 */
final class PipelinedDigest implements AutoCloseable {
  private record Chunk(byte[] buffer, int length) {}

  private static final Chunk END = new Chunk(new byte[0], 0);

  private final String algorithm;
  private final BlockingQueue<byte[]> free;
  private final BlockingQueue<Chunk> full;
  private final CompletableFuture<Digest> result = new CompletableFuture<>();
  private boolean ended;

  /** Starts the hashing task on {@code executor}. */
  PipelinedDigest(String algorithm, int buffers, int bufferBytes, Executor executor) {
    this.algorithm = algorithm;
    this.free = new ArrayBlockingQueue<>(buffers);
    this.full = new ArrayBlockingQueue<>(buffers + 1);
    for (int i = 0; i < buffers; i++) {
      free.add(new byte[bufferBytes]);
    }
    MessageDigest md = Digest.newMessageDigest(algorithm);
    executor.execute(() -> run(md));
  }

  private void run(MessageDigest md) {
    try {
      for (Chunk chunk = full.take(); chunk != END; chunk = full.take()) {
        md.update(chunk.buffer(), 0, chunk.length());
        free.add(chunk.buffer());
      }
      result.complete(Digest.finish(algorithm, md));
    } catch (InterruptedException | RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /** A buffer to fill; waits while every buffer is still queued for hashing. */
  byte[] buffer() throws InterruptedException {
    return free.take();
  }

  /** Hashes {@code length} bytes of {@code buffer} (from {@link #buffer}), which is then reused. */
  void hash(byte[] buffer, int length) {
    full.add(new Chunk(buffer, length));
  }

  /** Returns a buffer that was not filled. */
  void recycle(byte[] buffer) {
    free.add(buffer);
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
      full.add(END);
    }
  }
}
