package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.Node;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which plans cordoned a node (a k3j extension, rancher/system-upgrade-controller#71, #341): the
 * annotation {@value #ANNOTATION} lists {@code <namespace>/<plan>} entries, comma-separated. A plan
 * is recorded only when it is about to cordon a schedulable node, so deleting the plan uncordons
 * what it cordoned and nothing that someone else cordoned.
 */
public final class NodeCordons {
  public static final String ANNOTATION = "upgrade.k3j.io/cordoned-by";

  private NodeCordons() {}

  public static String key(String namespace, String plan) {
    return namespace + "/" + plan;
  }

  /** The plans recorded on the node. */
  public static Set<String> of(Node node) {
    Map<String, String> annotations = node.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(ANNOTATION);
    if (value == null || value.isBlank()) {
      return new TreeSet<>();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The annotation's value once the plan {@code key} is recorded on the node or forgotten: null
   * when no plan is left, which a JSON merge patch reads as "remove the annotation".
   */
  public static String valueWith(Node node, String key, boolean cordoned) {
    Set<String> plans = of(node);
    if (cordoned) {
      plans.add(key);
    } else {
      plans.remove(key);
    }
    return plans.isEmpty() ? null : String.join(",", plans);
  }
}
