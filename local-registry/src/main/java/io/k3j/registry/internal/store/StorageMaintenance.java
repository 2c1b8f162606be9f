package io.k3j.registry.internal.store;

import io.k3j.registry.internal.RegistryMetrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the disk bounded: evicts least-recently-used cached images that no pin protects until the
 * blob bytes fit {@code maxBytes}, then deletes blobs no manifest references. A blob is deleted
 * only when no remaining manifest references it, so a blob shared by two images survives while
 * either is stored; blobs touched within {@code grace} (uploads awaiting their manifest) are kept.
 * An image used within the last {@link #IN_USE} is being pulled and is not evicted.
 */
public final class StorageMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(StorageMaintenance.class);

  /** How long after its last use an image counts as being pulled (its layers still to come). */
  public static final Duration IN_USE = Duration.ofMinutes(1);

  private final ContentStore store;
  private final long maxBytes;
  private final Duration grace;
  private final RegistryMetrics metrics;

  public StorageMaintenance(
      ContentStore store, long maxBytes, Duration grace, RegistryMetrics metrics) {
    this.store = store;
    this.maxBytes = maxBytes;
    this.grace = grace;
    this.metrics = metrics;
  }

  /** What one run did. */
  public record Report(int evictedManifests, int deletedBlobs, long bytesAfter) {}

  /** True when a disk budget is set and the stored blobs exceed it. */
  public boolean overBudget() {
    return maxBytes > 0 && store.index().totalBlobBytes() > maxBytes;
  }

  public synchronized Report run() {
    long started = store.clock().millis();
    store.flushAccessTimes();
    RegistryIndex index = store.index();
    int evicted = 0;
    int deleted = 0;
    while (maxBytes > 0 && index.totalBlobBytes() > maxBytes) {
      var victim = index.leastRecentlyUsedEvictable(started - IN_USE.toMillis());
      if (victim.isEmpty()) {
        LOG.warn(
            "disk over budget ({} > {} bytes) and nothing left to evict",
            index.totalBlobBytes(),
            maxBytes);
        break;
      }
      var references = index.references(victim.get());
      var repositories = index.repositoriesOf(victim.get());
      index.evictManifest(victim.get());
      evicted++;
      repositories.stream().findFirst().ifPresent(metrics::evicted);
      for (Digest blob : references) {
        if (store.collect(blob, started)) {
          deleted++;
        }
      }
      LOG.info("evicted manifest {} ({} blobs freed)", victim.get(), deleted);
    }
    long cutoff = started - grace.toMillis();
    int abandoned = store.uploads().expireIdle(cutoff);
    if (abandoned > 0) {
      LOG.info("cancelled {} uploads idle for more than {}", abandoned, grace);
    }
    for (Digest blob : index.unreferencedBlobs(cutoff)) {
      if (store.collect(blob, cutoff)) {
        deleted++;
      }
    }
    metrics.collected(deleted);
    if (deleted > 0 || evicted > 0) {
      LOG.info("maintenance evicted {} manifests, deleted {} blobs", evicted, deleted);
    }
    return new Report(evicted, deleted, index.totalBlobBytes());
  }
}
