package io.k3j.registry.internal.cache;

import io.k3j.registry.RegistryConfig;
import io.k3j.registry.UpstreamConfig;
import io.k3j.registry.internal.RegistryMetrics;
import io.k3j.registry.internal.cache.UpstreamSelector.Selection;
import io.k3j.registry.internal.store.BlobContent;
import io.k3j.registry.internal.store.ContentSource;
import io.k3j.registry.internal.store.ContentStore;
import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.internal.store.StoredManifest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull-through cache, a decorator over the local store. Content by digest is served local first
 * and fetched (stream-through, coalesced) on a miss; tags are re-resolved upstream with a HEAD
 * within a short deadline and answered from the cache when upstream is down, slow or gone.
 */
public final class PullThrough implements ContentSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PullThrough.class);

  private final ContentStore store;
  private final UpstreamSelector selector;
  private final RegistryConfig config;
  private final RegistryMetrics metrics;
  private final Map<String, UpstreamClient> clients = new ConcurrentHashMap<>();
  private final ExecutorService copiers;
  private final BlobFetches blobFetches;
  private final java.util.concurrent.ScheduledExecutorService watchdog;
  private final ManifestFetcher manifests;
  private final UpstreamHealth health;
  private final Clock clock;
  private final BlobPrefetch prefetch;

  public PullThrough(
      ContentStore store,
      UpstreamSelector selector,
      RegistryConfig config,
      RegistryMetrics metrics,
      Clock clock) {
    this.store = store;
    this.selector = selector;
    this.config = config;
    this.metrics = metrics;
    this.copiers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "registry-upstream-fetch");
              t.setDaemon(true);
              return t;
            });
    this.blobFetches = new BlobFetches(store, copiers, metrics);
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "registry-fetch-watchdog");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(100, Math.min(1000, config.upstreamTimeout().toMillis() / 2));
    watchdog.scheduleWithFixedDelay(
        () -> blobFetches.abortStalled(config.upstreamTimeout()),
        period,
        period,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    this.health = new UpstreamHealth(clock);
    this.clock = clock;
    this.manifests = new ManifestFetcher(config.maxManifestBytes());
    this.prefetch = new BlobPrefetch(this::prefetchBlob, clock);
  }

  static String pullScope(String remoteRepository) {
    return "repository:" + remoteRepository + ":pull";
  }

  @Override
  public Optional<StoredManifest> manifest(String repository, String reference) {
    Optional<Selection> selection = selector.select(repository);
    if (selection.isEmpty()) {
      return store.manifest(repository, reference);
    }
    String upstream = selection.get().upstream().name();
    if (Digest.looksLikeDigest(reference)) {
      Optional<StoredManifest> local = store.manifest(repository, reference);
      if (local.isPresent()) {
        metrics.hit(upstream);
        return local;
      }
      metrics.miss(upstream);
      return fetchManifest(selection.get(), repository, reference, null);
    }
    return resolveTag(selection.get(), repository, reference);
  }

  /**
   * A tag: re-resolved upstream within the tag deadline when cached, within the upstream timeout
   * when not. While the upstream is known to be down a cached tag is answered at once and one
   * re-check per backoff runs in the background; an uncached one is unknown until the backoff ends.
   */
  private Optional<StoredManifest> resolveTag(Selection selection, String repository, String tag) {
    String upstream = selection.upstream().name();
    Optional<StoredManifest> cached = store.manifest(repository, tag);
    if (cached.isPresent() && health.knownDown(upstream)) {
      if (health.claimRecheck(upstream)) {
        copiers.execute(
            () -> revalidate(selection, repository, tag, cached, config.upstreamTimeout()));
      } else {
        metrics.hit(upstream);
      }
      return cached;
    }
    if (cached.isEmpty() && !health.shouldAsk(upstream)) {
      metrics.miss(upstream);
      return cached;
    }
    var deadline = cached.isPresent() ? config.tagDeadline() : config.upstreamTimeout();
    return revalidate(selection, repository, tag, cached, deadline);
  }

  /** HEADs the tag upstream and brings the cache up to date; the cached manifest on failure. */
  private Optional<StoredManifest> revalidate(
      Selection selection,
      String repository,
      String tag,
      Optional<StoredManifest> cached,
      java.time.Duration deadline) {
    String upstream = selection.upstream().name();
    try {
      ManifestFetcher.TagHead head =
          manifests.headDigest(client(selection), selection.remoteRepository(), tag, deadline);
      health.succeeded(upstream);
      if (!head.found()) {
        return cached;
      }
      Optional<Digest> current = head.digest();
      if (current.isPresent()
          && cached.isPresent()
          && cached.get().digest().equals(current.get())) {
        metrics.hit(upstream);
        return cached;
      }
      if (current.isPresent()) {
        Optional<StoredManifest> local = store.manifest(repository, current.get().toString());
        if (local.isPresent()) {
          store.tag(repository, tag, current.get());
          metrics.hit(upstream);
          return local;
        }
      }
      metrics.miss(upstream);
      Optional<StoredManifest> fetched =
          fetchManifest(selection, repository, current.map(Digest::toString).orElse(tag), tag);
      return fetched.isPresent() ? fetched : cached;
    } catch (Exception e) {
      recordFailure(upstream, e, deadline);
      metrics.upstreamError(upstream);
      LOG.info(
          "upstream {} did not resolve {}:{} ({}); serving cache",
          upstream,
          selection.remoteRepository(),
          tag,
          e.toString());
      return cached;
    }
  }

  private Optional<StoredManifest> fetchManifest(
      Selection selection, String repository, String reference, String tag) {
    String upstream = selection.upstream().name();
    if (!health.shouldAsk(upstream)) {
      return Optional.empty();
    }
    try {
      Optional<ManifestFetcher.Fetched> fetched =
          manifests.get(
              client(selection), selection.remoteRepository(), reference, config.upstreamTimeout());
      health.succeeded(upstream);
      if (fetched.isEmpty()) {
        return Optional.empty();
      }
      Digest digest =
          store.putManifest(
              repository,
              fetched.get().digest().toString(),
              fetched.get().bytes(),
              fetched.get().mediaType(),
              io.k3j.registry.internal.store.Origin.CACHED);
      if (tag != null) {
        store.tag(repository, tag, digest);
      }
      Optional<StoredManifest> stored = store.manifest(repository, digest.toString());
      stored.ifPresent(m -> prefetch.manifestFetched(selection, repository, store.parsed(m)));
      return stored;
    } catch (Exception e) {
      if (isConnectivity(e)) {
        health.failed(upstream);
      }
      metrics.upstreamError(upstream);
      LOG.info(
          "upstream {} did not serve manifest {}@{}: {}",
          upstream,
          selection.remoteRepository(),
          reference,
          e.toString());
      return Optional.empty();
    }
  }

  @Override
  public Optional<BlobContent> blob(String repository, Digest digest) {
    Optional<BlobContent> local = store.blob(repository, digest);
    Optional<Selection> selection = selector.select(repository);
    if (local.isPresent() || selection.isEmpty()) {
      selection.ifPresent(s -> metrics.hit(s.upstream().name()));
      return local;
    }
    String upstream = selection.get().upstream().name();
    if (store.mount(repository, digest)) {
      metrics.hit(upstream);
      return store.blob(repository, digest);
    }
    metrics.miss(upstream);
    if (!health.shouldAsk(upstream)) {
      return Optional.empty();
    }
    prefetch.requested(repository, digest);
    try {
      Optional<InFlightBlob> fetched =
          blobFetches.fetch(
              client(selection.get()),
              selection.get().remoteRepository(),
              repository,
              digest,
              config.upstreamTimeout());
      health.succeeded(upstream);
      if (fetched.isPresent()) {
        return Optional.of(fetched.get());
      }
      // Not upstream, or stored by a fetch that ended after the lookup above.
      return store.mount(repository, digest) ? store.blob(repository, digest) : Optional.empty();
    } catch (Exception e) {
      if (isConnectivity(e)) {
        health.failed(upstream);
      }
      metrics.upstreamError(upstream);
      LOG.info("upstream {} did not serve blob {}: {}", upstream, digest, e.toString());
      return Optional.empty();
    }
  }

  /**
   * Fetches one blob of a manifest just pulled through, unless it is stored or the upstream is
   * known to be down; returns when the fetch ended. The same single-flight as client requests, so a
   * blob is still fetched once however many ask.
   */
  private void prefetchBlob(Selection selection, String repository, Digest digest) {
    String upstream = selection.upstream().name();
    if (store.blob(repository, digest).isPresent()
        || store.mount(repository, digest)
        || !health.shouldAsk(upstream)) {
      return;
    }
    try {
      blobFetches
          .fetch(
              client(selection),
              selection.remoteRepository(),
              repository,
              digest,
              config.upstreamTimeout())
          .ifPresent(blob -> blob.finished().join());
    } catch (Exception e) {
      if (isConnectivity(e)) {
        health.failed(upstream);
      }
      LOG.debug("prefetch of blob {} from {} failed: {}", digest, upstream, e.toString());
    }
  }

  @Override
  public Optional<List<String>> tags(String repository, String last, int limit) {
    Optional<Selection> selection = selector.select(repository);
    if (selection.isEmpty() || !health.shouldAsk(selection.get().upstream().name())) {
      return store.tags(repository, last, limit);
    }
    try {
      Optional<List<String>> remote =
          manifests.tags(
              client(selection.get()),
              selection.get().remoteRepository(),
              last,
              limit,
              config.tagDeadline());
      health.succeeded(selection.get().upstream().name());
      return remote.isPresent() ? remote : store.tags(repository, last, limit);
    } catch (Exception e) {
      recordFailure(selection.get().upstream().name(), e, config.tagDeadline());
      return store.tags(repository, last, limit);
    }
  }

  /**
   * Network trouble (as opposed to bad content) marks the upstream offline for a while; running out
   * of a deadline shorter than the upstream timeout (the tag deadline) only marks it slow.
   */
  private void recordFailure(String upstream, Exception e, java.time.Duration deadline) {
    if (e instanceof java.net.http.HttpTimeoutException
        && !(e instanceof java.net.http.HttpConnectTimeoutException)
        && deadline.compareTo(config.upstreamTimeout()) < 0) {
      health.slow(upstream);
    } else if (isConnectivity(e)) {
      health.failed(upstream);
    }
  }

  /** Network trouble (as opposed to bad content) marks the upstream offline for a while. */
  private static boolean isConnectivity(Exception e) {
    return e instanceof java.io.IOException || e instanceof InterruptedException;
  }

  /** The client of the selected upstream; a new one when its settings changed. */
  private UpstreamClient client(Selection selection) {
    UpstreamConfig upstream = selection.upstream();
    return clients.compute(
        upstream.name(),
        (name, old) ->
            old != null && old.upstream().equals(upstream)
                ? old
                : new UpstreamClient(
                    upstream,
                    UpstreamClient.newHttpClient(upstream, config.upstreamTimeout()),
                    clock));
  }

  @Override
  public void close() {
    prefetch.close();
    watchdog.shutdownNow();
    copiers.shutdownNow();
  }
}
