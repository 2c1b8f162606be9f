package io.k3j.suc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.suc.model.NodeCordons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cordons a plan makes, recorded on the nodes ({@link NodeCordons}) and undone when the plan is
 * deleted (a k3j extension, rancher/system-upgrade-controller#71). Each change is one JSON merge
 * patch of the node, computed from the copy at hand, as {@link CompleteStep} forgets the plan.
 */
final class PlanCordons {
  private static final Logger LOG = LoggerFactory.getLogger(PlanCordons.class);

  private PlanCordons() {}

  /**
   * Records that the plan is about to cordon the node (the informer's copy), unless the node is
   * already cordoned (by someone else, #341) or recorded.
   */
  static void record(KubernetesClient client, String plan, Node node) {
    if (unschedulable(node) || NodeCordons.of(node).contains(plan)) {
      return;
    }
    patch(client, node, NodeCordons.valueWith(node, plan, true), false);
  }

  /** Uncordons every node the plan recorded and forgets the plan on it. */
  static void undo(KubernetesClient client, String plan) {
    for (Node node : client.nodes().list().getItems()) {
      if (!NodeCordons.of(node).contains(plan)) {
        continue;
      }
      patch(client, node, NodeCordons.valueWith(node, plan, false), unschedulable(node));
      LOG.info("plan {} deleted: uncordoned node {}", plan, node.getMetadata().getName());
    }
  }

  private static boolean unschedulable(Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }

  /** Sets the cordon record (null: removes it) and, when asked, {@code unschedulable: false}. */
  private static void patch(KubernetesClient client, Node node, String record, boolean uncordon) {
    ObjectNode patch = Serialization.jsonMapper().createObjectNode();
    patch.putObject("metadata").putObject("annotations").put(NodeCordons.ANNOTATION, record);
    if (uncordon) {
      patch.putObject("spec").put("unschedulable", false);
    }
    client
        .nodes()
        .withName(node.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }
}
