package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finished upgrade Jobs: their conditions, when their TTL runs out, and whether deleting them loses
 * anything. Upstream's controller deletes finished Jobs itself after the TTL (it mimics the TTL
 * controller, rancher/system-upgrade-controller#24, #48, #49); k3j deletes only settled ones.
 */
public final class FinishedJobs {
  private FinishedJobs() {}

  /** The Job's condition of this type when it is True. */
  public static Optional<JobCondition> condition(Job job, String type) {
    return job.getStatus() == null || job.getStatus().getConditions() == null
        ? Optional.empty()
        : job.getStatus().getConditions().stream()
            .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
            .findFirst();
  }

  /**
   * When a finished Job's TTL runs out: {@code spec.ttlSecondsAfterFinished}, else upstream's
   * annotation (unreadable means 0), from the transition of its Complete or Failed condition; empty
   * while unfinished or without a TTL.
   */
  public static Optional<Instant> expiry(Job job) {
    Optional<JobCondition> done = condition(job, "Complete").or(() -> condition(job, "Failed"));
    if (done.isEmpty() || done.get().getLastTransitionTime() == null) {
      return Optional.empty();
    }
    Integer ttl = job.getSpec() == null ? null : job.getSpec().getTtlSecondsAfterFinished();
    if (ttl == null) {
      Map<String, String> annotations = job.getMetadata().getAnnotations();
      String annotation = annotations == null ? null : annotations.get(UpgradeJobs.ANNOTATION_TTL);
      try {
        ttl = annotation == null ? null : Integer.valueOf(annotation);
      } catch (NumberFormatException e) {
        ttl = 0;
      }
    }
    return ttl == null
        ? Optional.empty()
        : Optional.of(Instant.parse(done.get().getLastTransitionTime()).plusSeconds(ttl));
  }

  /**
   * Whether deleting a finished Job loses nothing: it ran for another hash than the plan's latest,
   * or it completed and its node carries its hash (or is gone). A failed Job of the latest hash is
   * kept: it is what halts the rollout, where upstream deletes it and then waits for the plan to
   * change.
   *
   * @param node the Job's node, null when it is gone
   */
  public static boolean settled(Job job, String latestHash, Node node, String planLabel) {
    String jobHash = job.getMetadata().getLabels().get(planLabel);
    if (!Objects.equals(latestHash, jobHash)) {
      return true;
    }
    if (condition(job, "Complete").isEmpty()) {
      return false;
    }
    Map<String, String> labels = node == null ? null : node.getMetadata().getLabels();
    return node == null || (labels != null && jobHash.equals(labels.get(planLabel)));
  }
}
