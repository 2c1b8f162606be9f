package io.k3j.registry.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The registry's meters: cache hits and misses and bytes per upstream, bytes served, evictions. */
public final class RegistryMetrics {
  private final MeterRegistry registry;
  private final Counter bytesServed;
  private final Counter evictions;
  private final Counter collectedBlobs;

  public RegistryMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.bytesServed = registry.counter("registry_served_bytes");
    this.evictions = registry.counter("registry_evictions");
    this.collectedBlobs = registry.counter("registry_gc_deleted_blobs");
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void hit(String upstream) {
    registry.counter("registry_cache_hits", "upstream", upstream).increment();
  }

  public void miss(String upstream) {
    registry.counter("registry_cache_misses", "upstream", upstream).increment();
  }

  public void upstreamBytes(String upstream, long bytes) {
    registry.counter("registry_upstream_bytes", "upstream", upstream).increment(bytes);
  }

  public void upstreamError(String upstream) {
    registry.counter("registry_upstream_errors", "upstream", upstream).increment();
  }

  public void served(long bytes) {
    bytesServed.increment(bytes);
  }

  public void evicted() {
    evictions.increment();
  }

  public void collected(int blobs) {
    collectedBlobs.increment(blobs);
  }
}
