package io.k3j.addons;

import java.time.Duration;

/**
 * How long an unchanged manifest whose apply failed waits before the next try: {@code first},
 * doubling with every further failure, at most {@code max}. A changed file is tried at once. This
 * keeps a file that cannot apply (a kind the cluster lacks, say) from writing two Events to the
 * datastore on every scan for ever.
 */
public record RetryBackoff(Duration first, Duration max) {
  public static final RetryBackoff DEFAULT =
      new RetryBackoff(Duration.ofSeconds(15), Duration.ofMinutes(10));

  /** The wait after {@code failures} failures in a row (1 or more). */
  public Duration after(int failures) {
    Duration delay = first;
    for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
