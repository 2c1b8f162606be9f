package io.k3j.suc;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.suc.model.Retries;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Retries a failed Job with back-off when {@code spec.retry} allows it (a k3j extension). */
final class RetryStep {
  private final PlanEvents events;

  /** UIDs of failed Jobs already deleted for a retry, so a stale cache cannot retry them twice. */
  private final Set<String> retried = ConcurrentHashMap.newKeySet();

  RetryStep(PlanEvents events) {
    this.events = events;
  }

  /** Whether the Job was already deleted for a retry (the cache may still hold it). */
  boolean done(Job job) {
    return retried.contains(job.getMetadata().getUid());
  }

  /**
   * Returns zero when the Job was deleted for a retry now, the time left when a retry is due later,
   * empty when none is left.
   */
  Optional<Duration> run(
      Plan plan,
      KubernetesClient client,
      Job job,
      JobCondition failed,
      String nodeName,
      Instant now,
      Round round) {
    int attempt = Retries.attempt(job);
    Optional<Duration> delay = Retries.delay(plan.getSpec().getRetry(), attempt);
    if (delay.isEmpty()) {
      return Optional.empty();
    }
    Instant failedAt =
        failed.getLastTransitionTime() == null
            ? now
            : Instant.parse(failed.getLastTransitionTime());
    Instant retryAt = failedAt.plus(delay.get());
    if (retryAt.isAfter(now)) {
      return Optional.of(Duration.between(now, retryAt));
    }
    retried.add(job.getMetadata().getUid());
    client.resource(job).delete();
    round.retries().put(job.getMetadata().getName(), attempt + 1);
    int limit = plan.getSpec().getRetry().getLimit();
    String message =
        "Job "
            + SettleJobsStep.name(job)
            + " failed on Node "
            + nodeName
            + ": "
            + failed.getReason()
            + ": "
            + failed.getMessage()
            + "; retry "
            + attempt
            + " of "
            + limit;
    PlanConditions.set(plan.getStatus(), PlanConditions.COMPLETE, false, "JobRetry", message, now);
    events.normal(plan, "JobRetry", message);
    return Optional.of(Duration.ZERO);
  }
}
