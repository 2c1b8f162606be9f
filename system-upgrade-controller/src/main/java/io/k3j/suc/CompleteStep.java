package io.k3j.suc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanSpec;
import io.k3j.suc.model.GoDuration;
import io.k3j.suc.model.HealthGate;
import io.k3j.suc.model.NodeCordons;
import io.k3j.suc.model.NodeSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A completed Job: after {@code spec.postCompleteDelay} and the health gate (k3j), the node gets
 * the plan's hash label and the post-complete labels, and is uncordoned, in one merge patch.
 */
final class CompleteStep {
  private static final Logger LOG = LoggerFactory.getLogger(CompleteStep.class);
  private final PlanEvents events;

  CompleteStep(PlanEvents events) {
    this.events = events;
  }

  /**
   * @param byName the node informer's copies by name
   * @return when to look again, if the node has to wait
   */
  Optional<Duration> run(
      Plan plan,
      KubernetesClient client,
      Job job,
      String nodeName,
      JobCondition complete,
      Map<String, Node> byName,
      Instant now) {
    PlanSpec spec = plan.getSpec();
    String planLabel = NodeSelection.planLabel(plan.getMetadata().getName());
    String hash = job.getMetadata().getLabels().get(planLabel);
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
    Node cached = byName.get(nodeName);
    if (cached != null && hash.equals(cached.getMetadata().getLabels().get(planLabel))) {
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
          "plan {}: Job completed on Node {}, waiting for the health gate",
          PlanReconciler.key(plan),
          nodeName);
      return gate;
    }
    String patch =
        patch(plan, node, plan.getStatus().getLatestVersion(), hash, PlanReconciler.key(plan));
    client.nodes().withName(nodeName).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    events.normal(plan, "JobComplete", "Job completed on Node " + nodeName);
    return Optional.empty();
  }

  /**
   * The JSON merge patch that marks the node done, computed from its current copy: the plan's hash
   * label, {@code spec.postCompleteLabels} with {@code $(LATEST_VERSION)} and {@code
   * $(LATEST_HASH)} filled in, the plan taken off the cordon record, and {@code unschedulable:
   * false} when the plan cordons or drains and the node is cordoned. One request, no read-modify
   * cycle.
   */
  static String patch(Plan plan, Node node, String version, String hash, String cordonKey) {
    PlanSpec spec = plan.getSpec();
    ObjectNode patch = Serialization.jsonMapper().createObjectNode();
    ObjectNode metadata = patch.putObject("metadata");
    ObjectNode labels = metadata.putObject("labels");
    if (spec.getPostCompleteLabels() != null) {
      spec.getPostCompleteLabels()
          .forEach(
              (k, v) ->
                  labels.put(
                      k, v.replace("$(LATEST_VERSION)", version).replace("$(LATEST_HASH)", hash)));
    }
    labels.put(NodeSelection.planLabel(plan.getMetadata().getName()), hash);
    if (NodeCordons.of(node).contains(cordonKey)) {
      metadata
          .putObject("annotations")
          .put(NodeCordons.ANNOTATION, NodeCordons.valueWith(node, cordonKey, false));
    }
    boolean uncordon = Boolean.TRUE.equals(spec.getCordon()) || spec.getDrain() != null;
    if (uncordon
        && node.getSpec() != null
        && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      patch.putObject("spec").put("unschedulable", false);
    }
    return patch.toString();
  }
}
