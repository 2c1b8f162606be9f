package io.k3j.suc;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.k3j.crds.StatusWriter;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanStatus;
import io.k3j.suc.model.ChannelResolver;
import io.k3j.suc.model.NodeCordons;
import io.k3j.suc.model.PlanHash;
import io.k3j.suc.model.PlanProgress;
import io.k3j.suc.model.UpgradeJobs;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reconciles a Plan as upstream does, as a list of named steps: validate ({@link ValidateStep}),
 * resolve the version ({@link ResolveStep}), hash, settle finished Jobs ({@link SettleJobsStep}:
 * label and uncordon on success, halt on failure), select nodes, and create or release one Job per
 * selected node ({@link RollOutStep}). Status is written with a JSON merge patch (see {@link
 * #writeStatus}), not server-side apply.
 *
 * <p>k3j's extensions (docs/adr/0004-plan-extensions.md) hook into those steps: failed Jobs are
 * retried with back-off ({@code spec.retry}, {@link RetryStep}), a completed node waits for the
 * health gate ({@code spec.healthGate}) before it is labelled, settled Jobs are deleted after their
 * TTL, the cordons a plan made are recorded on the nodes and undone when the plan is deleted, and
 * every reconcile writes {@code status.nodes}, {@code status.progress} and the plan's metrics.
 *
 * <p>Every step reads the informers' caches (listed once per reconcile) and builds a Job only when
 * one is missing: a reconcile runs after most Job and node events of a rollout, so its cost is paid
 * once per event.
 */
// Not generation-aware: the upgrade.cattle.io/digest annotation is part of the hash, and an
// annotation change does not bump metadata.generation. Upstream reacts to every Plan change.
@ControllerConfiguration(name = "system-upgrade-controller", generationAwareEventProcessing = false)
public final class PlanReconciler implements Reconciler<Plan>, Cleaner<Plan> {
  private final ControllerConfig config;
  private final ChannelResolver channels;
  private final Clock clock;
  private final PlanMetrics metrics;

  private InformerEventSource<Node, Plan> nodes;
  private ValidateStep validate;
  private ResolveStep resolve;
  private SettleJobsStep settleJobs;
  private RollOutStep rollOut;

  PlanReconciler(
      ControllerConfig config, ChannelResolver channels, Clock clock, PlanMetrics metrics) {
    this.config = config;
    this.channels = channels;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public List<EventSource<?, Plan>> prepareEventSources(EventSourceContext<Plan> context) {
    PlanEvents events = new PlanEvents(context.getClient(), config.name(), clock);
    InformerEventSource<Secret, Plan> secrets = PlanEventSources.secrets(context, config);
    validate = new ValidateStep(events, secrets);
    resolve = new ResolveStep(config, channels, events);
    settleJobs = new SettleJobsStep(events, new RetryStep(events), new CompleteStep(events));
    InformerEventSource<Job, Plan> jobs = PlanEventSources.jobs(context, config);
    rollOut = new RollOutStep(config, events, jobs);
    nodes = PlanEventSources.nodes(context);
    return List.of(jobs, nodes, secrets);
  }

  @Override
  public UpdateControl<Plan> reconcile(Plan plan, Context<Plan> context) throws Exception {
    KubernetesClient client = context.getClient();
    JsonNode before = Serialization.jsonMapper().valueToTree(plan.getStatus());
    if (plan.getStatus() == null) {
      plan.setStatus(new PlanStatus());
    }
    // A list, not getSecondaryResources' set: hashing a thousand Jobs deeply costs more than
    // everything the steps do with them.
    List<Job> jobs = context.getSecondaryResourcesAsStream(Job.class).toList();
    Optional<Duration> again = steps(plan, client, jobs);
    writeStatus(client, plan, before);
    UpdateControl<Plan> control = UpdateControl.noUpdate();
    again.ifPresent(control::rescheduleAfter);
    return control;
  }

  /** The steps in upstream's order; returns when to reconcile again, if before the next event. */
  private Optional<Duration> steps(Plan plan, KubernetesClient client, List<Job> jobs)
      throws IOException, InterruptedException {
    Instant now = clock.instant();
    Map<String, Secret> secrets = new HashMap<>();
    if (!validate.run(plan, secrets, now)) {
      return Optional.empty();
    }
    Optional<Duration> nextPoll = resolve.run(plan, client, now);
    if (plan.getStatus().getLatestVersion() == null) {
      return Optional.empty();
    }
    String version = plan.getStatus().getLatestVersion();
    plan.getStatus().setLatestHash(PlanHash.of(plan, version, secrets));
    Round round = new Round();
    List<Node> all = nodes.list().toList();
    Map<String, Node> byName =
        all.stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity()));
    Optional<Duration> settleAgain = settleJobs.run(plan, client, jobs, now, round, byName);
    Optional<Duration> rollAgain = rollOut.run(plan, client, jobs, now, round, all);
    recordProgress(plan, all, round, now);
    return Round.earliest(Round.earliest(nextPoll, settleAgain), rollAgain);
  }

  /** Step 5 (k3j): status.nodes, status.progress and the plan's metrics. */
  private void recordProgress(Plan plan, List<Node> all, Round round, Instant now) {
    PlanStatus status = plan.getStatus();
    PlanProgress progress =
        PlanProgress.of(plan, status.getLatestHash(), all, round.working(), round.failedNodes());
    status.setNodes(progress.toStatus());
    status.setProgress(progress.text());
    metrics.update(
        key(plan),
        status.getLatestHash(),
        progress,
        PlanConditions.isTrue(status, PlanConditions.COMPLETE),
        now);
  }

  /** The plan as {@code namespace/name}, for logs, metrics and the cordon record. */
  static String key(Plan plan) {
    return NodeCordons.key(plan.getMetadata().getNamespace(), plan.getMetadata().getName());
  }

  /**
   * Plan deleted (k3j, rancher/system-upgrade-controller#71): uncordon the nodes this plan
   * cordoned, delete its Jobs as upstream does, drop its metrics, then let the finalizer go.
   */
  @Override
  public DeleteControl cleanup(Plan plan, Context<Plan> context) {
    KubernetesClient client = context.getClient();
    String key = key(plan);
    PlanCordons.undo(client, key);
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(plan.getMetadata().getNamespace())
        .withLabel(UpgradeJobs.LABEL_CONTROLLER, config.name())
        .withLabel(UpgradeJobs.LABEL_PLAN, plan.getMetadata().getName())
        .delete();
    metrics.remove(key);
    return DeleteControl.defaultDelete();
  }

  /**
   * Writes the status when the steps changed it, through {@link StatusWriter}: a JSON merge patch
   * of the whole status, robust against a cache that has not yet seen the previous write.
   */
  private static void writeStatus(KubernetesClient client, Plan plan, JsonNode before) {
    StatusWriter.write(client, plan, plan.getStatus(), before);
  }
}
