package io.k3j.registry.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers that an upstream just failed, so that for a short while cached tags are answered at
 * once instead of each waiting out the deadline again (an offline site answers in microseconds).
 */
final class UpstreamHealth {
  static final Duration BACKOFF = Duration.ofSeconds(10);

  private final Clock clock;
  private final Map<String, Long> offlineUntil = new ConcurrentHashMap<>();

  UpstreamHealth(Clock clock) {
    this.clock = clock;
  }

  boolean shouldAsk(String upstream) {
    Long until = offlineUntil.get(upstream);
    return until == null || clock.millis() >= until;
  }

  void failed(String upstream) {
    offlineUntil.put(upstream, clock.millis() + BACKOFF.toMillis());
  }

  void succeeded(String upstream) {
    offlineUntil.remove(upstream);
  }
}
