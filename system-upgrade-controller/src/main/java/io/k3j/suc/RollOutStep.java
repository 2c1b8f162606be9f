package io.k3j.suc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanStatus;
import io.k3j.suc.model.JobNames;
import io.k3j.suc.model.NodeSelection;
import io.k3j.suc.model.Retries;
import io.k3j.suc.model.TimeWindow;
import io.k3j.suc.model.UpgradeJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Step 4: select nodes, honour the window, create one Job per selected node (paused until the node
 * is in {@code status.applying}) and release paused Jobs of nodes already applying.
 */
final class RollOutStep {
  static final Duration WINDOW_RECHECK = Duration.ofMinutes(1);
  static final Duration HANDSHAKE = Duration.ofSeconds(1);
  private static final String RELEASE = "{\"spec\":{\"parallelism\":1}}";

  private final ControllerConfig config;
  private final PlanEvents events;
  private final InformerEventSource<Job, Plan> jobCache;

  /**
   * @param jobCache the Job informer: what this step creates or releases is put in its temporary
   *     cache, so the next reconcile does not act again on a copy older than its own write
   */
  RollOutStep(ControllerConfig config, PlanEvents events, InformerEventSource<Job, Plan> jobCache) {
    this.config = config;
    this.events = events;
    this.jobCache = jobCache;
  }

  /** Returns when to reconcile again: the window recheck, or the handshake of paused Jobs. */
  Optional<Duration> run(
      Plan plan,
      KubernetesClient client,
      Collection<Job> jobs,
      Instant now,
      Round round,
      List<Node> all) {
    PlanStatus status = plan.getStatus();
    List<Node> selected = NodeSelection.select(plan, status.getLatestHash(), all);
    List<String> previous = status.getApplying() == null ? List.of() : status.getApplying();
    if (selected.isEmpty()) {
      status.setApplying(null);
      if (PlanConditions.set(status, PlanConditions.COMPLETE, true, "Complete", null, now)) {
        events.normal(
            plan,
            "Complete",
            "Jobs complete for version "
                + status.getLatestVersion()
                + ". Hash: "
                + status.getLatestHash());
      }
      return Optional.empty();
    }
    if (plan.getSpec().getWindow() != null
        && previous.isEmpty()
        && !TimeWindow.of(plan.getSpec().getWindow()).contains(now)) {
      String message = "current time is not within configured window";
      if (PlanConditions.set(status, PlanConditions.COMPLETE, false, "Waiting", message, now)) {
        events.normal(plan, "Waiting", "Waiting for start of configured window");
      }
      return Optional.of(WINDOW_RECHECK);
    }
    List<String> applying = selected.stream().map(NodeSelection::hostname).toList();
    if (!applying.equals(previous)) {
      String names =
          selected.stream().map(n -> n.getMetadata().getName()).collect(Collectors.joining(","));
      events.normal(
          plan,
          "SyncJob",
          "Jobs synced for version "
              + status.getLatestVersion()
              + " on Nodes "
              + names
              + ". Hash: "
              + status.getLatestHash());
      PlanConditions.set(status, PlanConditions.COMPLETE, false, "SyncJob", null, now);
    }
    Map<String, Job> existing =
        jobs.stream()
            .filter(j -> !round.retries().containsKey(j.getMetadata().getName()))
            .collect(Collectors.toMap(j -> j.getMetadata().getName(), j -> j, (a, b) -> a));
    boolean paused = false;
    boolean cordons =
        Boolean.TRUE.equals(plan.getSpec().getCordon()) || plan.getSpec().getDrain() != null;
    for (Node node : selected) {
      round.working().add(node.getMetadata().getName());
      boolean running = previous.contains(NodeSelection.hostname(node));
      // The Job is looked up by name; the whole desired Job is built only when it is missing.
      String name =
          JobNames.of(
              plan.getMetadata().getName(), node.getMetadata().getName(), status.getLatestHash());
      Job current = existing.get(name);
      boolean release =
          running && (current == null || Objects.equals(current.getSpec().getParallelism(), 0));
      if (release && cordons) {
        PlanCordons.record(client, PlanReconciler.key(plan), node);
      }
      if (current == null) {
        create(client, plan, node, running, round.retries().get(name));
      } else if (running && Objects.equals(current.getSpec().getParallelism(), 0)) {
        Job released =
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(current.getMetadata().getNamespace())
                .withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), RELEASE);
        jobCache.handleRecentResourceUpdate(ResourceID.fromResource(released), released, current);
      }
      paused |= !running;
    }
    status.setApplying(applying);
    return paused ? Optional.of(HANDSHAKE) : Optional.empty();
  }

  /** Creates a Job; one that already exists (a cache that has not seen it yet) is left alone. */
  private void create(
      KubernetesClient client, Plan plan, Node node, boolean running, Integer attempt) {
    PlanStatus status = plan.getStatus();
    Job desired =
        UpgradeJobs.desired(
            plan, node, status.getLatestVersion(), status.getLatestHash(), running, config);
    if (attempt != null) {
      desired.getMetadata().getAnnotations().put(Retries.ANNOTATION_ATTEMPT, attempt.toString());
    }
    try {
      Job created = client.resource(desired).create();
      jobCache.handleRecentResourceCreate(ResourceID.fromResource(created), created);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }
}
