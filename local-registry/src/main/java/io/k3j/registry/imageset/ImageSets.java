package io.k3j.registry.imageset;

import io.k3j.registry.internal.store.BlobContent;
import io.k3j.registry.internal.store.ContentSource;
import io.k3j.registry.internal.store.ContentStore;
import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.internal.store.MediaTypes;
import io.k3j.registry.internal.store.ParsedManifest;
import io.k3j.registry.internal.store.StoredManifest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-pulls image sets for offline operation and pins them against eviction: every manifest (an
 * index and all its children) and every blob is fetched through the cache, then pinned under the
 * set's name. A fully successful re-sync drops pins of images no longer listed (they become
 * evictable); a partial one keeps old pins, so an offline re-sync never unprotects content.
 */
public final class ImageSets {
  private static final Logger LOG = LoggerFactory.getLogger(ImageSets.class);
  private static final Duration BLOB_TIMEOUT = Duration.ofMinutes(30);

  private final ContentSource source;
  private final ContentStore store;
  private final Set<String> upstreams;
  private final Clock clock;

  public ImageSets(ContentSource source, ContentStore store, Set<String> upstreams, Clock clock) {
    this.source = source;
    this.store = store;
    this.upstreams = upstreams;
    this.clock = clock;
  }

  /** Pulls and pins every image of set {@code name}, all platforms of multi-platform images. */
  public List<ImageStatus> sync(String name, List<String> images) {
    return sync(name, images, Platforms.every());
  }

  /**
   * Pulls and pins every image of set {@code name}, of a multi-platform image the index and the
   * children of {@code platforms}; one failing image does not stop the others.
   */
  public List<ImageStatus> sync(String name, List<String> images, Platforms platforms) {
    String owner = owner(name);
    Set<Digest> pinned = new java.util.HashSet<>();
    List<ImageStatus> statuses = new ArrayList<>();
    for (String image : images) {
      try {
        ImageReference ref = ImageReference.parse(image, upstreams);
        StoredManifest top =
            source
                .manifest(ref.repository(), ref.reference())
                .orElseThrow(() -> new IllegalStateException("manifest not found"));
        long size = pull(owner, ref.repository(), top, platforms, pinned);
        statuses.add(
            new ImageStatus(
                image,
                true,
                Optional.of(top.digest().toString()),
                size,
                clock.instant(),
                Optional.empty()));
      } catch (Exception e) {
        LOG.warn("image set {}: {} not synced: {}", name, image, e.getMessage());
        statuses.add(
            new ImageStatus(
                image, false, Optional.empty(), 0, clock.instant(), Optional.of(e.getMessage())));
      }
    }
    if (statuses.stream().allMatch(ImageStatus::present)) {
      store.index().retainPins(owner, pinned);
    }
    return statuses;
  }

  /**
   * Re-syncs a set every {@code period} on {@code scheduler} (while online this follows re-tags;
   * while offline the old pins stay) and hands each round's statuses to {@code onStatus}.
   */
  public java.util.concurrent.ScheduledFuture<?> resyncEvery(
      String name,
      java.util.function.Supplier<List<String>> images,
      Duration period,
      java.util.concurrent.ScheduledExecutorService scheduler,
      java.util.function.Consumer<List<ImageStatus>> onStatus) {
    return scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            onStatus.accept(sync(name, images.get()));
          } catch (RuntimeException e) {
            LOG.warn("image set {} re-sync failed: {}", name, e.toString());
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Drops every pin of set {@code name}: its images become evictable (a deleted set). */
  public void release(String name) {
    store.index().retainPins(owner(name), Set.of());
    LOG.info("image set {} released", name);
  }

  private static String owner(String name) {
    return "imageset/" + name;
  }

  private long pull(
      String owner,
      String repository,
      StoredManifest manifest,
      Platforms platforms,
      Set<Digest> pinned)
      throws Exception {
    store.index().pin(owner, manifest.digest());
    pinned.add(manifest.digest());
    ParsedManifest parsed = store.parsed(manifest);
    long size = manifest.size();
    if (MediaTypes.isIndex(parsed.mediaType())) {
      for (Digest child : IndexPlatforms.children(manifest.bytes(), platforms)) {
        StoredManifest childManifest =
            source
                .manifest(repository, child.toString())
                .orElseThrow(
                    () -> new IllegalStateException("child manifest " + child + " not found"));
        size += pull(owner, repository, childManifest, platforms, pinned);
      }
    }
    for (Digest blob : parsed.blobs()) {
      BlobContent content =
          source
              .blob(repository, blob)
              .orElseThrow(() -> new IllegalStateException("blob " + blob + " not found"));
      awaitComplete(content);
      size += content.size();
    }
    return size;
  }

  private static void awaitComplete(BlobContent content) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    content.onProgress(
        () -> {
          try {
            if (content.failed()) {
              done.completeExceptionally(
                  new IllegalStateException("fetch of " + content.digest() + " failed"));
            } else if (content.available() >= content.size()) {
              done.complete(null);
            }
          } catch (java.io.IOException e) {
            done.completeExceptionally(e);
          }
        });
    if (content.available() >= content.size()) {
      done.complete(null);
    }
    done.get(BLOB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
