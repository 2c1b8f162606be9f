package io.k3j.suc;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.k3j.crds.StatusWriter;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanSpec;
import io.k3j.crds.upgrade.v1.PlanStatus;
import io.k3j.crds.upgrade.v1.SecretSpec;
import io.k3j.suc.model.ChannelResolver;
import io.k3j.suc.model.FinishedJobs;
import io.k3j.suc.model.GoDuration;
import io.k3j.suc.model.HealthGate;
import io.k3j.suc.model.NodeCordons;
import io.k3j.suc.model.NodeSelection;
import io.k3j.suc.model.PlanHash;
import io.k3j.suc.model.PlanProgress;
import io.k3j.suc.model.Retries;
import io.k3j.suc.model.Selectors;
import io.k3j.suc.model.TimeWindow;
import io.k3j.suc.model.UpgradeJobs;
import io.k3j.suc.model.Versions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a Plan as upstream does, as a list of named steps: validate, resolve the version,
 * hash, settle finished Jobs (label and uncordon on success, halt on failure), select nodes, and
 * create or release one Job per selected node. Status is written with a JSON merge patch (see
 * {@link #writeStatus}), not server-side apply.
 *
 * <p>k3j's extensions (docs/adr/0004-plan-extensions.md) hook into those steps: failed Jobs are
 * retried with back-off ({@code spec.retry}), a completed node waits for the health gate ({@code
 * spec.healthGate}) before it is labelled, settled Jobs are deleted after their TTL, the cordons a
 * plan made are recorded on the nodes and undone when the plan is deleted, and every reconcile
 * writes {@code status.nodes}, {@code status.progress} and the plan's metrics.
 */
// Not generation-aware: the upgrade.cattle.io/digest annotation is part of the hash, and an
// annotation change does not bump metadata.generation. Upstream reacts to every Plan change.
@ControllerConfiguration(name = "system-upgrade-controller", generationAwareEventProcessing = false)
public final class PlanReconciler implements Reconciler<Plan>, Cleaner<Plan> {
  private static final Logger LOG = LoggerFactory.getLogger(PlanReconciler.class);
  static final Duration WINDOW_RECHECK = Duration.ofMinutes(1);
  static final Duration HANDSHAKE = Duration.ofSeconds(1);

  private final ControllerConfig config;
  private final ChannelResolver channels;
  private final Clock clock;
  private final PlanMetrics metrics;

  /** UIDs of failed Jobs already deleted for a retry, so a stale cache cannot retry them twice. */
  private final Set<String> retried = ConcurrentHashMap.newKeySet();

  private PlanEvents events;
  private InformerEventSource<Node, Plan> nodes;
  private String clusterId;

  PlanReconciler(
      ControllerConfig config, ChannelResolver channels, Clock clock, PlanMetrics metrics) {
    this.config = config;
    this.channels = channels;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * What one reconcile learnt about Jobs: which were deleted for a retry (name to next attempt),
   * which nodes have a failed Job for the current hash, which nodes are being worked on.
   */
  private record Round(
      Map<String, Integer> retries, Set<String> failedNodes, List<String> working) {
    Round() {
      this(new HashMap<>(), new HashSet<>(), new ArrayList<>());
    }
  }

  @Override
  public List<EventSource<?, Plan>> prepareEventSources(EventSourceContext<Plan> context) {
    events = new PlanEvents(context.getClient(), config.name(), clock);
    InformerEventSource<Job, Plan> jobs =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Job.class, Plan.class)
                .withNamespaces(config.namespace())
                .withLabelSelector(UpgradeJobs.LABEL_CONTROLLER + "=" + config.name())
                .withSecondaryToPrimaryMapper(
                    job ->
                        Optional.ofNullable(
                                job.getMetadata().getLabels().get(UpgradeJobs.LABEL_PLAN))
                            .map(
                                plan ->
                                    Set.of(new ResourceID(plan, job.getMetadata().getNamespace())))
                            .orElse(Set.of()))
                .build(),
            context);
    nodes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Node.class, Plan.class)
                .withSecondaryToPrimaryMapper(
                    node ->
                        context
                            .getPrimaryCache()
                            .list()
                            .filter(
                                p ->
                                    Selectors.matches(
                                        p.getSpec().getNodeSelector(),
                                        node.getMetadata().getLabels()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    InformerEventSource<Secret, Plan> secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, Plan.class)
                .withNamespaces(config.namespace())
                .withSecondaryToPrimaryMapper(
                    secret ->
                        context
                            .getPrimaryCache()
                            .list()
                            .filter(p -> hashes(p, secret.getMetadata().getName()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    return List.of(jobs, nodes, secrets);
  }

  /** Whether a change to the named secret changes the plan's hash (upstream's Secret handler). */
  private static boolean hashes(Plan plan, String secretName) {
    List<SecretSpec> secrets = plan.getSpec().getSecrets();
    return secrets != null
        && secrets.stream()
            .anyMatch(
                s -> secretName.equals(s.getName()) && !Boolean.TRUE.equals(s.getIgnoreUpdates()));
  }

  @Override
  public UpdateControl<Plan> reconcile(Plan plan, Context<Plan> context) throws Exception {
    KubernetesClient client = context.getClient();
    JsonNode before = Serialization.jsonMapper().valueToTree(plan.getStatus());
    if (plan.getStatus() == null) {
      plan.setStatus(new PlanStatus());
    }
    Optional<Duration> again = steps(plan, client, context.getSecondaryResources(Job.class));
    writeStatus(client, plan, before);
    UpdateControl<Plan> control = UpdateControl.noUpdate();
    again.ifPresent(control::rescheduleAfter);
    return control;
  }

  /** The steps in upstream's order; returns when to reconcile again, if before the next event. */
  private Optional<Duration> steps(Plan plan, KubernetesClient client, Set<Job> jobs)
      throws IOException, InterruptedException {
    Instant now = clock.instant();
    Map<String, Secret> secrets = new HashMap<>();
    if (!validate(plan, client, secrets, now)) {
      return Optional.empty();
    }
    Optional<Duration> nextPoll = resolve(plan, client, now);
    if (plan.getStatus().getLatestVersion() == null) {
      return Optional.empty();
    }
    String version = plan.getStatus().getLatestVersion();
    plan.getStatus().setLatestHash(PlanHash.of(plan, version, secrets));
    Round round = new Round();
    List<Node> all = nodes.list().toList();
    Map<String, Node> byName =
        all.stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n));
    Optional<Duration> settleAgain = settleJobs(plan, client, jobs, now, round, byName);
    Optional<Duration> rollAgain = rollOut(plan, client, jobs, now, round, all);
    recordProgress(plan, all, round, now);
    return earliest(earliest(nextPoll, settleAgain), rollAgain);
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

  private static String key(Plan plan) {
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

  /** Step 1: Validated; also loads the hashed secrets, which must exist. */
  private boolean validate(
      Plan plan, KubernetesClient client, Map<String, Secret> secrets, Instant now) {
    PlanSpec spec = plan.getSpec();
    List<String> errors = new ArrayList<>(PlanValidation.errors(spec));
    for (SecretSpec s : spec.getSecrets() == null ? List.<SecretSpec>of() : spec.getSecrets()) {
      if (Boolean.TRUE.equals(s.getIgnoreUpdates())) {
        continue;
      }
      Secret secret =
          client
              .secrets()
              .inNamespace(plan.getMetadata().getNamespace())
              .withName(s.getName())
              .get();
      if (secret == null) {
        errors.add("secret \"" + s.getName() + "\" not found");
      } else {
        secrets.put(s.getName(), secret);
      }
    }
    if (!errors.isEmpty()) {
      String message = String.join(", ", errors);
      if (PlanConditions.set(
          plan.getStatus(), PlanConditions.VALIDATED, false, "Error", message, now)) {
        events.warning(plan, "ValidateFailed", message);
      }
      return false;
    }
    if (PlanConditions.set(
        plan.getStatus(), PlanConditions.VALIDATED, true, "PlanIsValid", null, now)) {
      events.normal(plan, "Validated", "Plan is valid");
    }
    return true;
  }

  /** Step 2: LatestResolved from the version or the channel; returns when to poll again. */
  private Optional<Duration> resolve(Plan plan, KubernetesClient client, Instant now)
      throws IOException, InterruptedException {
    PlanSpec spec = plan.getSpec();
    PlanStatus status = plan.getStatus();
    boolean hasVersion = spec.getVersion() != null && !spec.getVersion().isEmpty();
    boolean hasChannel = spec.getChannel() != null && !spec.getChannel().isEmpty();
    if (!hasVersion && !hasChannel) {
      String message = "cannot resolve plan: missing channel and version";
      if (PlanConditions.set(
          status, PlanConditions.LATEST_RESOLVED, false, "Error", message, now)) {
        events.warning(plan, "ResolveFailed", message);
      }
      status.setLatestVersion(null);
      status.setLatestHash(null);
      return Optional.empty();
    }
    Optional<Duration> nextPoll = Optional.empty();
    String latest;
    if (hasVersion) {
      latest = Versions.munge(spec.getVersion());
    } else {
      Optional<Instant> polled =
          PlanConditions.get(status, PlanConditions.LATEST_RESOLVED)
              .filter(c -> "True".equals(c.getStatus()) && "Channel".equals(c.getReason()))
              .map(c -> Instant.parse(c.getLastUpdateTime()));
      if (polled.isPresent()
          && status.getLatestVersion() != null
          && polled.get().plus(config.pollingInterval()).isAfter(now)) {
        return Optional.of(Duration.between(now, polled.get().plus(config.pollingInterval())));
      }
      try {
        latest = channels.resolve(spec.getChannel(), clusterId(client), status.getLatestVersion());
      } catch (IOException e) {
        events.warning(plan, "ResolveFailed", e.getMessage());
        throw e;
      }
      nextPoll = Optional.of(config.pollingInterval());
    }
    if (!latest.equals(status.getLatestVersion())) {
      events.normal(
          plan,
          "Resolved",
          "Resolved latest version from Spec."
              + (hasVersion ? "Version" : "Channel")
              + ": "
              + latest);
      PlanConditions.set(status, PlanConditions.COMPLETE, false, "Resolved", null, now);
      status.setLatestVersion(latest);
    }
    PlanConditions.set(
        status,
        PlanConditions.LATEST_RESOLVED,
        true,
        hasVersion ? "Version" : "Channel",
        null,
        now);
    return nextPoll;
  }

  /**
   * Step 3: finished Jobs: label and uncordon on success, report and halt on failure (or retry,
   * k3j), delete settled Jobs after their TTL as upstream does.
   */
  private Optional<Duration> settleJobs(
      Plan plan,
      KubernetesClient client,
      Set<Job> jobs,
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
        LOG.info("plan {}: deleting Job {} of an old version", key(plan), name(job));
        client.resource(job).delete();
        continue;
      }
      if (retried.contains(job.getMetadata().getUid())) {
        continue;
      }
      String nodeName = labels.get(UpgradeJobs.LABEL_NODE);
      Optional<Instant> expires = FinishedJobs.expiry(job);
      if (expires.isPresent() && FinishedJobs.settled(job, hash, byName.get(nodeName), planLabel)) {
        if (!expires.get().isAfter(now)) {
          LOG.info("plan {}: deleting Job {} past its TTL", key(plan), name(job));
          client.resource(job).delete();
          continue;
        }
        again = earliest(again, Optional.of(Duration.between(now, expires.get())));
      }
      if (!hash.equals(labels.get(planLabel))) {
        // A finished Job of an earlier hash (a rotated secret) was settled when it finished;
        // settling it again on every reconcile would put its hash back on the node.
        continue;
      }
      Optional<JobCondition> failed = FinishedJobs.condition(job, "Failed");
      if (failed.isPresent()) {
        Optional<Duration> retryIn = retry(plan, client, job, failed.get(), nodeName, now, round);
        if (retryIn.isPresent() && retryIn.get().isZero()) {
          continue;
        }
        again = earliest(again, retryIn);
        round.failedNodes().add(nodeName);
      }
      if (failed.isPresent()) {
        String message =
            "Job "
                + job.getMetadata().getNamespace()
                + "/"
                + job.getMetadata().getName()
                + " failed on Node "
                + nodeName
                + ": "
                + failed.get().getReason()
                + ": "
                + failed.get().getMessage();
        if (PlanConditions.set(
            plan.getStatus(), PlanConditions.COMPLETE, false, "JobFailed", message, now)) {
          events.warning(plan, "JobFailed", message);
        }
        continue;
      }
      Optional<JobCondition> complete = FinishedJobs.condition(job, "Complete");
      if (complete.isPresent()) {
        again = earliest(again, complete(plan, client, job, nodeName, complete.get(), now));
      }
    }
    return again;
  }

  /**
   * Retries a failed Job when {@code spec.retry} allows it (k3j): returns zero when the Job was
   * deleted for a retry now, the time left when a retry is due later, empty when none is left.
   */
  private Optional<Duration> retry(
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
            + name(job)
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

  private static String name(Job job) {
    return job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
  }

  private Optional<Duration> complete(
      Plan plan,
      KubernetesClient client,
      Job job,
      String nodeName,
      JobCondition complete,
      Instant now) {
    PlanSpec spec = plan.getSpec();
    String hash =
        job.getMetadata().getLabels().get(NodeSelection.planLabel(plan.getMetadata().getName()));
    if (spec.getPostCompleteDelay() != null
        && !spec.getPostCompleteDelay().isEmpty()
        && complete.getLastTransitionTime() != null) {
      Instant ready =
          Instant.parse(complete.getLastTransitionTime())
              .plus(GoDuration.parse(spec.getPostCompleteDelay()));
      if (ready.isAfter(now)) {
        events.normal(
            plan,
            "JobCompleteWaiting",
            "Job completed on Node " + nodeName + ", waiting " + spec.getPostCompleteDelay());
        return Optional.of(Duration.between(now, ready));
      }
    }
    // The informer's copy settles the common case (the node already carries this hash) without a
    // request per finished Job per reconcile; only a node that seems to lack it is read afresh.
    String planLabel = NodeSelection.planLabel(plan.getMetadata().getName());
    Optional<Node> cached = nodes.get(new ResourceID(nodeName));
    if (cached.isPresent() && hash.equals(cached.get().getMetadata().getLabels().get(planLabel))) {
      return Optional.empty();
    }
    Node node = client.nodes().withName(nodeName).get();
    if (node == null || hash.equals(node.getMetadata().getLabels().get(planLabel))) {
      return Optional.empty();
    }
    Instant completedAt =
        complete.getLastTransitionTime() == null
            ? now
            : Instant.parse(complete.getLastTransitionTime());
    Optional<Duration> gate = HealthGate.remaining(spec.getHealthGate(), node, completedAt, now);
    if (gate.isPresent()) {
      LOG.info(
          "plan {}: Job completed on Node {}, waiting for the health gate", key(plan), nodeName);
      return gate;
    }
    String version = plan.getStatus().getLatestVersion();
    String cordonKey = key(plan);
    boolean uncordon = Boolean.TRUE.equals(spec.getCordon()) || spec.getDrain() != null;
    client
        .nodes()
        .withName(nodeName)
        .edit(
            n -> {
              if (spec.getPostCompleteLabels() != null) {
                spec.getPostCompleteLabels()
                    .forEach(
                        (k, v) ->
                            n.getMetadata()
                                .getLabels()
                                .put(
                                    k,
                                    v.replace("$(LATEST_VERSION)", version)
                                        .replace("$(LATEST_HASH)", hash)));
              }
              n.getMetadata()
                  .getLabels()
                  .put(NodeSelection.planLabel(plan.getMetadata().getName()), hash);
              NodeCordons.set(n, cordonKey, false);
              if (uncordon
                  && n.getSpec() != null
                  && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
                n.getSpec().setUnschedulable(false);
              }
              return n;
            });
    events.normal(plan, "JobComplete", "Job completed on Node " + nodeName);
    return Optional.empty();
  }

  /** Step 4: select nodes, honour the window, create or release one Job per selected node. */
  private Optional<Duration> rollOut(
      Plan plan, KubernetesClient client, Set<Job> jobs, Instant now, Round round, List<Node> all) {
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
      Job desired =
          UpgradeJobs.desired(
              plan, node, status.getLatestVersion(), status.getLatestHash(), running, config);
      Job current = existing.get(desired.getMetadata().getName());
      boolean release =
          running && (current == null || Objects.equals(current.getSpec().getParallelism(), 0));
      if (release && cordons) {
        PlanCordons.record(client, key(plan), node);
      }
      if (current == null) {
        Integer attempt = round.retries().get(desired.getMetadata().getName());
        if (attempt != null) {
          desired
              .getMetadata()
              .getAnnotations()
              .put(Retries.ANNOTATION_ATTEMPT, attempt.toString());
        }
        create(client, desired);
      } else if (running && Objects.equals(current.getSpec().getParallelism(), 0)) {
        client
            .resource(current)
            .edit(
                j -> {
                  j.getSpec().setParallelism(1);
                  return j;
                });
      }
      paused |= !running;
    }
    status.setApplying(applying);
    return paused ? Optional.of(HANDSHAKE) : Optional.empty();
  }

  /** Creates a Job; one that already exists (a cache that has not seen it yet) is left alone. */
  private static void create(KubernetesClient client, Job job) {
    try {
      client.resource(job).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private String clusterId(KubernetesClient client) {
    if (clusterId == null) {
      var ns = client.namespaces().withName("kube-system").get();
      clusterId = ns == null ? "" : ns.getMetadata().getUid();
    }
    return clusterId;
  }

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().compareTo(b.get()) <= 0 ? a : b;
  }
}
