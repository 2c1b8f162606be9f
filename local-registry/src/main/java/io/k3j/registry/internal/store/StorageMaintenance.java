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
 */
public final class StorageMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(StorageMaintenance.class);

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

  public synchronized Report run() {
    long started = store.clock().millis();
    store.flushAccessTimes();
    RegistryIndex index = store.index();
    int evicted = 0;
    int deleted = 0;
    while (maxBytes > 0 && index.totalBlobBytes() > maxBytes) {
      var victim = index.leastRecentlyUsedEvictable();
      if (victim.isEmpty()) {
        LOG.warn(
            "disk over budget ({} > {} bytes) and nothing left to evict",
            index.totalBlobBytes(),
            maxBytes);
        break;
      }
      var references = index.references(victim.get());
      index.evictManifest(victim.get());
      evicted++;
      metrics.evicted();
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
