package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.Node;
import io.k3j.crds.upgrade.v1.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which nodes a plan works on now, as upstream chooses them: eligible nodes match the plan's
 * selector, carry the hostname label and are neither {@code disabled} nor done; nodes already
 * applying come first, the rest in a per-plan deterministic order, never more than the concurrency.
 * The result is sorted by node name.
 */
public final class NodeSelection {
  public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
  public static final String DISABLED = "disabled";

  private NodeSelection() {}

  /** The {@code plan.upgrade.cattle.io/<plan>} label a done node carries. */
  public static String planLabel(String planName) {
    return "plan.upgrade.cattle.io/" + planName;
  }

  public static List<Node> select(Plan plan, String latestHash, List<Node> nodes) {
    long concurrency =
        plan.getSpec().getConcurrency() == null ? 0 : plan.getSpec().getConcurrency();
    List<String> applying =
        plan.getStatus() == null || plan.getStatus().getApplying() == null
            ? List.of()
            : plan.getStatus().getApplying();
    String label = planLabel(plan.getMetadata().getName());
    List<Node> eligible = nodes.stream().filter(n -> eligible(plan, label, latestHash, n)).toList();
    List<Node> chosen = new ArrayList<>();
    for (Node node : eligible) {
      if (chosen.size() < concurrency && applying.contains(hostname(node))) {
        chosen.add(node);
      }
    }
    String planUid = plan.getMetadata().getUid() == null ? "" : plan.getMetadata().getUid();
    Comparator<Node> order =
        Comparator.comparing(
            n ->
                PlanHash.hex(
                    PlanHash.digest("SHA-256", n.getMetadata().getUid() + planUid + latestHash)));
    for (Node node : eligible.stream().filter(n -> !chosen.contains(n)).sorted(order).toList()) {
      if (chosen.size() >= concurrency) {
        break;
      }
      chosen.add(node);
    }
    chosen.sort(Comparator.comparing(n -> n.getMetadata().getName()));
    return chosen;
  }

  public static String hostname(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels == null ? null : labels.get(HOSTNAME_LABEL);
  }

  private static boolean eligible(Plan plan, String label, String latestHash, Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    if (labels == null || !labels.containsKey(HOSTNAME_LABEL)) {
      return false;
    }
    String state = labels.get(label);
    if (state != null && Set.of(DISABLED, latestHash).contains(state)) {
      return false;
    }
    return Selectors.matches(plan.getSpec().getNodeSelector(), labels);
  }
}
