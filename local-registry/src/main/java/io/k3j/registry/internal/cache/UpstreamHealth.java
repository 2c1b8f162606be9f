package io.k3j.registry.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers that an upstream failed, so that cached tags are answered at once instead of each
 * waiting out the deadline again (an offline site answers in microseconds). An upstream stays
 * known-down until a request succeeds; every {@link #BACKOFF} one re-check is allowed.
 *
 * <p>Two kinds of failure: an upstream that could not be reached or did not answer within the
 * upstream timeout is {@link #failed} (uncached content is not asked for during the backoff, so
 * clients fall through to their next mirror at once); one that only missed the short tag deadline
 * is {@link #slow}: cached tags are answered at once, but uncached content is still fetched. A slow
 * answer under load is not an outage, and must not turn a crowd of pulls into 404s.
 */
final class UpstreamHealth {
  static final Duration BACKOFF = Duration.ofSeconds(10);

  /** When the next re-check may run, and whether uncached content is held back until then. */
  private record State(long recheckAt, boolean unreachable) {}

  private final Clock clock;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  UpstreamHealth(Clock clock) {
    this.clock = clock;
  }

  /** False while the upstream failed (not merely was slow) less than {@link #BACKOFF} ago. */
  boolean shouldAsk(String upstream) {
    State state = states.get(upstream);
    return state == null || !state.unreachable() || clock.millis() >= state.recheckAt();
  }

  /** True from a failure until the next success, even once the backoff has elapsed. */
  boolean knownDown(String upstream) {
    return states.containsKey(upstream);
  }

  /**
   * Claims the re-check of a known-down upstream whose backoff elapsed: true for exactly one
   * caller, which then asks the upstream; the next re-check is a full backoff later.
   */
  boolean claimRecheck(String upstream) {
    long now = clock.millis();
    boolean[] claimed = {false};
    states.computeIfPresent(
        upstream,
        (name, state) -> {
          if (now < state.recheckAt()) {
            return state;
          }
          claimed[0] = true;
          return new State(now + BACKOFF.toMillis(), state.unreachable());
        });
    return claimed[0];
  }

  /** The upstream could not be reached, or did not answer within the upstream timeout. */
  void failed(String upstream) {
    states.put(upstream, new State(clock.millis() + BACKOFF.toMillis(), true));
  }

  /** The upstream did not answer within the tag deadline (it may be down, or only busy). */
  void slow(String upstream) {
    long recheckAt = clock.millis() + BACKOFF.toMillis();
    states.compute(
        upstream, (name, state) -> new State(recheckAt, state != null && state.unreachable()));
  }

  void succeeded(String upstream) {
    states.remove(upstream);
  }
}
