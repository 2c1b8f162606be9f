package io.k3j.registry.internal.cache;

import io.k3j.registry.internal.cache.UpstreamSelector.Selection;
import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.internal.store.ParsedManifest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fetches the layers of an image being pulled through ahead of the client's requests for them. A
 * runtime asks for a few blobs at a time (containerd: 3), each a round trip through the cache to
 * the upstream, so a cold image of many small layers costs those round trips one after another.
 *
 * <p>A manifest fetched from upstream is remembered for its repository; the first request for one
 * of its layers (a pull, not an inspection, which reads the manifest and at most the config) starts
 * fetching all of its layers, at most {@link #CONCURRENCY} at once. A client asking for a layer
 * being fetched ahead joins that fetch, so each blob is still fetched once. Children of an index
 * are not fetched ahead: which platform a client wants is its choice.
 */
final class BlobPrefetch implements AutoCloseable {
  static final int CONCURRENCY = 4;

  /** How long a manifest waits for the first request of one of its layers. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  /** Fetches one blob and returns when it is stored (or the fetch failed). */
  interface Fetcher {
    void fetch(Selection selection, String repository, Digest digest);
  }

  private record Pending(Selection selection, List<Digest> layers, long expiresAt) {}

  private final Fetcher fetcher;
  private final Clock clock;
  private final Map<String, Pending> byRepository = new ConcurrentHashMap<>();
  private final ExecutorService workers;

  BlobPrefetch(Fetcher fetcher, Clock clock) {
    this.fetcher = fetcher;
    this.clock = clock;
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            CONCURRENCY,
            CONCURRENCY,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "registry-prefetch");
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.workers = pool;
  }

  /** Remembers the layers of an image manifest just fetched into {@code repository}. */
  void manifestFetched(Selection selection, String repository, ParsedManifest manifest) {
    long now = clock.millis();
    byRepository.values().removeIf(p -> p.expiresAt() < now);
    List<Digest> blobs = manifest.blobs();
    if (!manifest.children().isEmpty() || blobs.size() < 2) {
      return;
    }
    byRepository.put(
        repository,
        new Pending(selection, blobs.subList(1, blobs.size()), now + WINDOW.toMillis()));
  }

  /**
   * A client asked for {@code digest}, which is not stored: if it is a layer of the manifest last
   * fetched into {@code repository}, every layer of that manifest is queued, in manifest order.
   */
  void requested(String repository, Digest digest) {
    Pending pending = byRepository.get(repository);
    if (pending == null
        || !pending.layers().contains(digest)
        || !byRepository.remove(repository, pending)
        || pending.expiresAt() < clock.millis()) {
      return;
    }
    for (Digest layer : pending.layers()) {
      if (layer.equals(digest)) {
        continue;
      }
      try {
        workers.execute(() -> fetcher.fetch(pending.selection(), repository, layer));
      } catch (RejectedExecutionException closed) {
        return;
      }
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
