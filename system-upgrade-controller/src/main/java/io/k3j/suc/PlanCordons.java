package io.k3j.suc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.suc.model.NodeCordons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cordons a plan makes, recorded on the nodes ({@link NodeCordons}) and undone when the plan is
 * deleted (a k3j extension, rancher/system-upgrade-controller#71).
 */
final class PlanCordons {
  private static final Logger LOG = LoggerFactory.getLogger(PlanCordons.class);

  private PlanCordons() {}

  /**
   * Records that the plan is about to cordon the node, unless the node is already cordoned (by
   * someone else, #341) or recorded.
   */
  static void record(KubernetesClient client, String plan, Node node) {
    if ((node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()))
        || NodeCordons.of(node).contains(plan)) {
      return;
    }
    client
        .nodes()
        .withName(node.getMetadata().getName())
        .edit(
            n -> {
              NodeCordons.set(n, plan, true);
              return n;
            });
  }

  /** Uncordons every node the plan recorded and forgets the plan on it. */
  static void undo(KubernetesClient client, String plan) {
    for (Node node : client.nodes().list().getItems()) {
      if (!NodeCordons.of(node).contains(plan)) {
        continue;
      }
      client
          .nodes()
          .withName(node.getMetadata().getName())
          .edit(
              n -> {
                NodeCordons.set(n, plan, false);
                if (n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
                  n.getSpec().setUnschedulable(false);
                }
                return n;
              });
      LOG.info("plan {} deleted: uncordoned node {}", plan, node.getMetadata().getName());
    }
  }
}
