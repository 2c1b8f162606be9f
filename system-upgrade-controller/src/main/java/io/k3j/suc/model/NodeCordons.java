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

  /** Records or forgets a plan on the node object (in memory); returns whether it changed. */
  public static boolean set(Node node, String key, boolean cordoned) {
    Set<String> plans = of(node);
    boolean changed = cordoned ? plans.add(key) : plans.remove(key);
    if (!changed) {
      return false;
    }
    if (plans.isEmpty()) {
      if (node.getMetadata().getAnnotations() != null) {
        node.getMetadata().getAnnotations().remove(ANNOTATION);
      }
    } else {
      if (node.getMetadata().getAnnotations() == null) {
        node.getMetadata().setAnnotations(new java.util.HashMap<>());
      }
      node.getMetadata().getAnnotations().put(ANNOTATION, String.join(",", plans));
    }
    return true;
  }
}
