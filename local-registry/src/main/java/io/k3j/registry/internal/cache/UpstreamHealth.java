package io.k3j.registry.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers that an upstream failed, so that cached tags are answered at once instead of each
 * waiting out the deadline again (an offline site answers in microseconds). An upstream stays
 * known-down until a request succeeds; every {@link #BACKOFF} one re-check is allowed.
 */
final class UpstreamHealth {
  static final Duration BACKOFF = Duration.ofSeconds(10);

  private final Clock clock;
  private final Map<String, Long> recheckAt = new ConcurrentHashMap<>();

  UpstreamHealth(Clock clock) {
    this.clock = clock;
  }

  /** False while the upstream failed less than {@link #BACKOFF} ago. */
  boolean shouldAsk(String upstream) {
    Long at = recheckAt.get(upstream);
    return at == null || clock.millis() >= at;
  }

  /** True from a failure until the next success, even once the backoff has elapsed. */
  boolean knownDown(String upstream) {
    return recheckAt.containsKey(upstream);
  }

  /**
   * Claims the re-check of a known-down upstream whose backoff elapsed: true for exactly one
   * caller, which then asks the upstream; the next re-check is a full backoff later.
   */
  boolean claimRecheck(String upstream) {
    long now = clock.millis();
    boolean[] claimed = {false};
    recheckAt.computeIfPresent(
        upstream,
        (name, at) -> {
          if (now < at) {
            return at;
          }
          claimed[0] = true;
          return now + BACKOFF.toMillis();
        });
    return claimed[0];
  }

  void failed(String upstream) {
    recheckAt.put(upstream, clock.millis() + BACKOFF.toMillis());
  }

  void succeeded(String upstream) {
    recheckAt.remove(upstream);
  }
}
