package io.k3j.registry.internal;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.function.Function;

/**
 * The registry's meters, each labelled with the upstream of the repository it concerns ({@link
 * #LOCAL} for repositories no upstream serves): cache hits and misses, bytes fetched from the
 * upstream and upstream errors, bytes served to clients, evicted images; and blobs deleted by GC.
 */
public final class RegistryMetrics {
  /** The label of content that belongs to no upstream (pushed to this registry). */
  public static final String LOCAL = "local";

  private static final String HITS = "registry_cache_hits";
  private static final String MISSES = "registry_cache_misses";
  private static final String UPSTREAM_BYTES = "registry_upstream_bytes";
  private static final String UPSTREAM_ERRORS = "registry_upstream_errors";
  private static final String SERVED_BYTES = "registry_served_bytes";
  private static final String EVICTIONS = "registry_evictions";

  private final MeterRegistry registry;
  private final Function<String, String> upstreamOfRepository;

  /**
   * @param upstreamOfRepository the upstream name of a repository, or {@link #LOCAL}
   * @param upstreams every configured upstream; their counters exist (at 0) from the start
   */
  public RegistryMetrics(
      MeterRegistry registry,
      Function<String, String> upstreamOfRepository,
      Collection<String> upstreams) {
    this.registry = registry;
    this.upstreamOfRepository = upstreamOfRepository;
    registry.counter("registry_gc_deleted_blobs");
    for (String upstream : upstreams) {
      for (String name : new String[] {HITS, MISSES, UPSTREAM_BYTES, UPSTREAM_ERRORS}) {
        registry.counter(name, "upstream", upstream);
      }
    }
    for (String label : labels(upstreams)) {
      registry.counter(SERVED_BYTES, "upstream", label);
      registry.counter(EVICTIONS, "upstream", label);
    }
  }

  private static Collection<String> labels(Collection<String> upstreams) {
    var labels = new java.util.ArrayList<>(upstreams);
    labels.add(LOCAL);
    return labels;
  }

  public void hit(String upstream) {
    registry.counter(HITS, "upstream", upstream).increment();
  }

  public void miss(String upstream) {
    registry.counter(MISSES, "upstream", upstream).increment();
  }

  public void upstreamBytes(String upstream, long bytes) {
    registry.counter(UPSTREAM_BYTES, "upstream", upstream).increment(bytes);
  }

  public void upstreamError(String upstream) {
    registry.counter(UPSTREAM_ERRORS, "upstream", upstream).increment();
  }

  /** Manifest or blob bytes sent to a client for {@code repository}. */
  public void served(String repository, long bytes) {
    registry
        .counter(SERVED_BYTES, "upstream", upstreamOfRepository.apply(repository))
        .increment(bytes);
  }

  /** An image of {@code repository} was evicted to keep the disk within its budget. */
  public void evicted(String repository) {
    registry.counter(EVICTIONS, "upstream", upstreamOfRepository.apply(repository)).increment();
  }

  public void collected(int blobs) {
    registry.counter("registry_gc_deleted_blobs").increment(blobs);
  }
}
