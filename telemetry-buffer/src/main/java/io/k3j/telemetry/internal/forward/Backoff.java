package io.k3j.telemetry.internal.forward;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter: the n-th consecutive failure waits a random time between half
 * and all of {@code min(max, initial * 2^(n-1))}, so many buffers recovering at once do not retry
 * in lock step. A server's Retry-After is a floor: the wait is the larger of the two.
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max.compareTo(initial) < 0 ? initial : max;
    this.random = random;
  }

  Duration delay(int consecutiveFailures, Duration serverHint) {
    int exponent = Math.max(0, Math.min(consecutiveFailures - 1, 30));
    long ceiling = Math.min(max.toMillis(), initial.toMillis() << exponent);
    if (ceiling <= 0) {
      ceiling = Math.min(max.toMillis(), initial.toMillis());
    }
    long half = ceiling / 2;
    long jittered = half + (ceiling - half > 0 ? random.nextLong(ceiling - half + 1) : 0);
    Duration backoff = Duration.ofMillis(jittered);
    return serverHint != null && serverHint.compareTo(backoff) > 0 ? serverHint : backoff;
  }
}
