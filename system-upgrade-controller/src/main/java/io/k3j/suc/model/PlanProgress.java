package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.Node;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanNodesStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node counts of {@code status.nodes} and the {@code done/total} of {@code status.progress}
 * (k3j extensions), from the nodes, the plan's hash and the nodes being worked on.
 *
 * @param total nodes the selector and the hostname label pick, except those labelled disabled
 * @param done of those, nodes labelled with the hash
 * @param inProgress nodes being worked on whose Job has not failed
 * @param failed nodes whose Job for the hash failed
 */
public record PlanProgress(int total, int done, int inProgress, int failed) {

  /**
   * @param working names of the nodes being worked on (selected now)
   * @param failedNodes names of the nodes whose Job for the hash failed
   */
  public static PlanProgress of(
      Plan plan,
      String latestHash,
      List<Node> nodes,
      Collection<String> working,
      Set<String> failedNodes) {
    String label = NodeSelection.planLabel(plan.getMetadata().getName());
    int total = 0;
    int done = 0;
    for (Node node : nodes) {
      Map<String, String> labels = node.getMetadata().getLabels();
      if (labels == null
          || !labels.containsKey(NodeSelection.HOSTNAME_LABEL)
          || NodeSelection.DISABLED.equals(labels.get(label))
          || !Selectors.matches(plan.getSpec().getNodeSelector(), labels)) {
        continue;
      }
      total++;
      if (latestHash != null && latestHash.equals(labels.get(label))) {
        done++;
      }
    }
    int inProgress = (int) working.stream().filter(n -> !failedNodes.contains(n)).count();
    return new PlanProgress(total, done, inProgress, failedNodes.size());
  }

  public PlanNodesStatus toStatus() {
    PlanNodesStatus status = new PlanNodesStatus();
    status.setTotal(total);
    status.setDone(done);
    status.setInProgress(inProgress);
    status.setFailed(failed);
    return status;
  }

  /** {@code done/total}, as {@code kubectl get plans} shows it. */
  public String text() {
    return done + "/" + total;
  }
}
