package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.k3j.crds.upgrade.v1.RetrySpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The retry policy of {@code spec.retry} (a k3j extension): after the n-th failed attempt on a
 * node, wait {@code backoff × 2^(n-1)} (at most {@link #MAX_BACKOFF}) and run the Job again, until
 * {@code limit} retries are used. The attempt number travels on the Job as {@link
 * #ANNOTATION_ATTEMPT}.
 */
public final class Retries {
  public static final String ANNOTATION_ATTEMPT = "upgrade.k3j.io/attempt";
  static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  private Retries() {}

  /** The attempt a Job is: its annotation, 1 when absent or unreadable. */
  public static int attempt(Job job) {
    Map<String, String> annotations = job.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(ANNOTATION_ATTEMPT);
    try {
      return value == null ? 1 : Math.max(1, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * How long to wait after the given failed attempt before the next one; empty when no retry is
   * left (or none is configured), so the failure halts the rollout as upstream's does.
   */
  public static Optional<Duration> delay(RetrySpec retry, int failedAttempt) {
    if (retry == null || retry.getLimit() == null || failedAttempt > retry.getLimit()) {
      return Optional.empty();
    }
    Duration base =
        retry.getBackoff() == null || retry.getBackoff().isEmpty()
            ? DEFAULT_BACKOFF
            : GoDuration.parse(retry.getBackoff());
    Duration delay = base;
    for (int i = 1; i < failedAttempt && delay.compareTo(MAX_BACKOFF) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return Optional.of(delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay);
  }
}
