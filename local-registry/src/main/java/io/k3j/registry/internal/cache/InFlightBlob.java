package io.k3j.registry.internal.cache;

import io.k3j.registry.internal.RegistryMetrics;
import io.k3j.registry.internal.store.BlobContent;
import io.k3j.registry.internal.store.ContentStore;
import io.k3j.registry.internal.store.Digest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream blob download shared by every client asking for it: bytes go to a temp file that
 * clients read while it grows (stream-through); at the end the digest is verified and the file
 * committed to the store, or discarded, so a partial or corrupt blob is never stored.
 */
final class InFlightBlob implements BlobContent {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightBlob.class);

  /**
   * Buffers the digest may lag behind the file by: the JDK client's (256 KiB each with {@code
   * jdk.httpclient.bufsize=262144}), or {@link SocketBody}'s, which holds back fewer on its own.
   */
  private static final int HASH_BUFFERS = 16;

  private final Digest digest;
  private final long size;
  private final Path temp;
  private final ContentStore store;
  private final Set<String> repositories = ConcurrentHashMap.newKeySet();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private volatile long written;
  private volatile long lastProgressNanos = System.nanoTime();
  private volatile BlobBody body;
  private volatile boolean verified;
  private volatile boolean complete;
  private volatile boolean failed;

  InFlightBlob(Digest digest, long size, Path temp, ContentStore store, String repository) {
    this.digest = digest;
    this.size = size;
    this.temp = temp;
    this.store = store;
    this.repositories.add(repository);
  }

  @Override
  public Digest digest() {
    return digest;
  }

  @Override
  public long size() {
    return size;
  }

  /**
   * Opens the temp file while the fetch runs, the stored blob once committed; the commit's rename
   * may happen in between, so a vanished temp file means the blob is in its content address.
   */
  @Override
  public FileChannel open() throws IOException {
    if (!complete) {
      try {
        return FileChannel.open(temp, StandardOpenOption.READ);
      } catch (NoSuchFileException renamed) {
        // committed (or failed) since the check
      }
    }
    return FileChannel.open(store.blobs().path(digest), StandardOpenOption.READ);
  }

  @Override
  public long available() {
    return complete ? size : written;
  }

  @Override
  public boolean verified() {
    return verified;
  }

  @Override
  public boolean failed() {
    return failed;
  }

  @Override
  public void onProgress(Runnable listener) {
    listeners.add(listener);
    if (complete || failed) {
      listener.run();
    }
  }

  /** Another repository asked for the same blob; link it there too. */
  synchronized void alsoFor(String repository) {
    if (complete) {
      store.mount(repository, digest);
    } else {
      repositories.add(repository);
    }
  }

  /** Nanos since the upstream last sent bytes (for the stall watchdog). */
  long stalledNanos() {
    return done() ? 0 : System.nanoTime() - lastProgressNanos;
  }

  /** Aborts a stalled download: the waiting copy fails and the temp file is discarded. */
  void abort() {
    BlobBody in = body;
    if (in != null) {
      in.abort();
    }
  }

  /**
   * Writes the upstream body to disk as it arrives; runs on a fetch thread. The same bytes are
   * hashed on a second thread from {@code executor} ({@link PipelinedDigest}), so readers get the
   * bytes as soon as they are written; the blob is committed once both are done and the digest
   * matches, and discarded otherwise.
   */
  void copy(BlobBody in, String upstream, RegistryMetrics metrics, Executor executor) {
    this.body = in;
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE);
        PipelinedDigest hash = new PipelinedDigest(digest.algorithm(), HASH_BUFFERS, executor)) {
      in.copyTo(
          out,
          hash,
          n -> {
            written += n;
            lastProgressNanos = System.nanoTime();
            metrics.upstreamBytes(upstream, n);
            notifyListeners();
          });
      Digest actual = hash.digest();
      if (written != size || !actual.equals(digest)) {
        throw new IOException("upstream sent " + written + " bytes with digest " + actual);
      }
      verified = true;
      commit();
    } catch (IOException | RuntimeException | ExecutionException e) {
      in.abort();
      fail(upstream, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      in.abort();
      fail(upstream, e);
    }
    notifyListeners();
    listeners.clear();
    finished.complete(null);
  }

  private void fail(String upstream, Exception e) {
    failed = true;
    LOG.warn("fetch of {} from {} failed: {}", digest, upstream, e.getMessage());
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // the tmp directory is emptied at the next start
    }
  }

  /** Completes when the fetch ended, committed or discarded. */
  CompletableFuture<Void> finished() {
    return finished;
  }

  /**
   * Stores the verified file (fsync, rename, index) without holding this blob's monitor, so readers
   * that already have every byte are not held up by it; then links every repository that asked.
   */
  private void commit() {
    String first = repositories.iterator().next();
    store.commitVerified(first, temp, digest, size);
    synchronized (this) {
      for (String repository : repositories) {
        if (!repository.equals(first)) {
          store.mount(repository, digest);
        }
      }
      complete = true;
    }
  }

  boolean done() {
    return complete || failed;
  }

  private void notifyListeners() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }
}
