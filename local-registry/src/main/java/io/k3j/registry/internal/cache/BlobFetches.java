package io.k3j.registry.internal.cache;

import io.k3j.registry.internal.RegistryMetrics;
import io.k3j.registry.internal.store.ContentStore;
import io.k3j.registry.internal.store.Digest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces upstream blob downloads: the first request for a digest starts one upstream GET; every
 * concurrent request for the same digest waits for its headers and then reads the same growing
 * file.
 */
final class BlobFetches {
  private final Map<Digest, CompletableFuture<Optional<InFlightBlob>>> inFlight =
      new ConcurrentHashMap<>();
  private final ContentStore store;
  private final ExecutorService copiers;
  private final RegistryMetrics metrics;

  private final Map<Digest, InFlightBlob> copying = new ConcurrentHashMap<>();

  BlobFetches(ContentStore store, ExecutorService copiers, RegistryMetrics metrics) {
    this.store = store;
    this.copiers = copiers;
    this.metrics = metrics;
  }

  /**
   * Aborts downloads whose upstream sent nothing for {@code stall}: a hanging upstream must not
   * hold clients forever. Called periodically.
   */
  void abortStalled(Duration stall) {
    for (InFlightBlob blob : copying.values()) {
      if (blob.stalledNanos() > stall.toNanos()) {
        blob.abort();
      }
    }
  }

  /**
   * The blob from upstream, shared with concurrent callers; empty if upstream does not have it or
   * cannot be reached within {@code timeout}, or if a fetch that ended after the caller's own store
   * lookup has stored it meanwhile (the caller then looks in the store again).
   */
  Optional<InFlightBlob> fetch(
      UpstreamClient client,
      String remoteRepository,
      String repository,
      Digest digest,
      Duration timeout)
      throws Exception {
    CompletableFuture<Optional<InFlightBlob>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<InFlightBlob>> existing = inFlight.putIfAbsent(digest, mine);
    if (existing != null) {
      Optional<InFlightBlob> shared =
          existing.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      shared.ifPresent(blob -> blob.alsoFor(repository));
      return shared;
    }
    try {
      // The caller looked in the store before asking; a fetch of the same digest may have committed
      // and left in between. Looking again under the in-flight entry makes that a store hit, not a
      // second upstream fetch.
      if (store.mount(repository, digest)) {
        mine.complete(Optional.empty());
        inFlight.remove(digest, mine);
        return Optional.empty();
      }
      Optional<InFlightBlob> started =
          start(client, remoteRepository, repository, digest, timeout, mine);
      mine.complete(started);
      if (started.isEmpty()) {
        inFlight.remove(digest, mine);
      }
      return started;
    } catch (Exception e) {
      mine.complete(Optional.empty());
      inFlight.remove(digest, mine);
      throw e;
    }
  }

  private Optional<InFlightBlob> start(
      UpstreamClient client,
      String remoteRepository,
      String repository,
      Digest digest,
      Duration timeout,
      CompletableFuture<Optional<InFlightBlob>> entry)
      throws Exception {
    HttpResponse<BlobBody> response =
        client.getBlob(
            "/v2/" + remoteRepository + "/blobs/" + digest,
            PullThrough.pullScope(remoteRepository),
            timeout);
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (response.statusCode() != 200 || length < 0) {
      response.body().discard();
      if (response.statusCode() != 404) {
        metrics.upstreamError(client.upstream().name());
      }
      return Optional.empty();
    }
    InFlightBlob blob =
        new InFlightBlob(digest, length, store.blobs().newTempFile("fetch"), store, repository);
    copying.put(digest, blob);
    copiers.execute(
        () -> {
          try {
            blob.copy(response.body(), client.upstream().name(), metrics, copiers);
          } finally {
            copying.remove(digest, blob);
            inFlight.remove(digest, entry);
          }
        });
    return Optional.of(blob);
  }
}
