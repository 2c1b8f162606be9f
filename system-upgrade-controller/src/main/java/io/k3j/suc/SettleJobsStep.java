package io.k3j.suc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.suc.model.FinishedJobs;
import io.k3j.suc.model.NodeSelection;
import io.k3j.suc.model.UpgradeJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3: finished Jobs: label and uncordon on success ({@link CompleteStep}), report and halt on
 * failure (or retry, k3j: {@link RetryStep}), delete settled Jobs after their TTL as upstream does.
 */
final class SettleJobsStep {
  private static final Logger LOG = LoggerFactory.getLogger(SettleJobsStep.class);
  private final PlanEvents events;
  private final RetryStep retry;
  private final CompleteStep complete;

  SettleJobsStep(PlanEvents events, RetryStep retry, CompleteStep complete) {
    this.events = events;
    this.retry = retry;
    this.complete = complete;
  }

  /** Returns when to reconcile again for a TTL, a retry or a wait, if any. */
  Optional<Duration> run(
      Plan plan,
      KubernetesClient client,
      Collection<Job> jobs,
      Instant now,
      Round round,
      Map<String, Node> byName) {
    String version = plan.getStatus().getLatestVersion();
    String hash = plan.getStatus().getLatestHash();
    String planLabel = NodeSelection.planLabel(plan.getMetadata().getName());
    Optional<Duration> again = Optional.empty();
    for (Job job : jobs) {
      Map<String, String> labels = job.getMetadata().getLabels();
      if (!version.equals(labels.get(UpgradeJobs.LABEL_VERSION))) {
        LOG.info("plan {}: deleting Job {} of an old version", PlanReconciler.key(plan), name(job));
        client.resource(job).delete();
        continue;
      }
      if (retry.done(job)) {
        continue;
      }
      String nodeName = labels.get(UpgradeJobs.LABEL_NODE);
      Optional<Instant> expires = FinishedJobs.expiry(job);
      if (expires.isPresent() && FinishedJobs.settled(job, hash, byName.get(nodeName), planLabel)) {
        if (!expires.get().isAfter(now)) {
          LOG.info("plan {}: deleting Job {} past its TTL", PlanReconciler.key(plan), name(job));
          client.resource(job).delete();
          continue;
        }
        again = Round.earliest(again, Optional.of(Duration.between(now, expires.get())));
      }
      if (!hash.equals(labels.get(planLabel))) {
        // A finished Job of an earlier hash (a rotated secret) was settled when it finished;
        // settling it again on every reconcile would put its hash back on the node.
        continue;
      }
      Optional<JobCondition> failed = FinishedJobs.condition(job, "Failed");
      if (failed.isPresent()) {
        Optional<Duration> retryIn =
            retry.run(plan, client, job, failed.get(), nodeName, now, round);
        if (retryIn.isPresent() && retryIn.get().isZero()) {
          continue;
        }
        again = Round.earliest(again, retryIn);
        round.failedNodes().add(nodeName);
        failed(plan, job, nodeName, failed.get(), now);
        continue;
      }
      Optional<JobCondition> completed = FinishedJobs.condition(job, "Complete");
      if (completed.isPresent()) {
        again =
            Round.earliest(
                again, complete.run(plan, client, job, nodeName, completed.get(), byName, now));
      }
    }
    return again;
  }

  /** A failed Job with no retry left halts the rollout: Complete=False, reason JobFailed. */
  private void failed(Plan plan, Job job, String nodeName, JobCondition failed, Instant now) {
    String message =
        "Job "
            + job.getMetadata().getNamespace()
            + "/"
            + job.getMetadata().getName()
            + " failed on Node "
            + nodeName
            + ": "
            + failed.getReason()
            + ": "
            + failed.getMessage();
    if (PlanConditions.set(
        plan.getStatus(), PlanConditions.COMPLETE, false, "JobFailed", message, now)) {
      events.warning(plan, "JobFailed", message);
    }
  }

  static String name(Job job) {
    return job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
  }
}
