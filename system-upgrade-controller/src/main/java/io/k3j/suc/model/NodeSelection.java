package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.Node;
import io.k3j.crds.upgrade.v1.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
    Set<String> applyingSet = new HashSet<>(applying);
    List<Node> chosen = new ArrayList<>();
    Set<String> chosenNames = new HashSet<>();
    for (Node node : eligible) {
      if (chosen.size() < concurrency && applyingSet.contains(hostname(node))) {
        chosen.add(node);
        chosenNames.add(node.getMetadata().getName());
      }
    }
    if (chosen.size() < concurrency) {
      // Each node's order key is one SHA-256, computed once rather than in every comparison.
      String planUid = plan.getMetadata().getUid() == null ? "" : plan.getMetadata().getUid();
      Map<String, String> keys = new HashMap<>();
      for (Node node : eligible) {
        if (!chosenNames.contains(node.getMetadata().getName())) {
          keys.put(
              node.getMetadata().getName(),
              PlanHash.hex(
                  PlanHash.digest("SHA-256", node.getMetadata().getUid() + planUid + latestHash)));
        }
      }
      eligible.stream()
          .filter(n -> keys.containsKey(n.getMetadata().getName()))
          .sorted(Comparator.comparing(n -> keys.get(n.getMetadata().getName())))
          .limit(concurrency - chosen.size())
          .forEach(chosen::add);
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
    if (DISABLED.equals(state) || (state != null && state.equals(latestHash))) {
      return false;
    }
    return Selectors.matches(plan.getSpec().getNodeSelector(), labels);
  }
}
