package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.gc.DeleteOptions.Propagation;
import io.k3j.core.apiserver.gc.OwnerGraph.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Upstream's garbage collector rules as a pure function of one snapshot (kube-controller-manager
 * garbagecollector: {@code attemptToDeleteItem}, {@code processDeletingDependentsItem}, {@code
 * orphanDependents}):
 *
 * <ul>
 *   <li>an owner being deleted with the orphan finalizer loses its dependents' references to it,
 *       then the finalizer;
 *   <li>an owner being deleted with foregroundDeletion loses the finalizer once no dependent with
 *       {@code blockOwnerDeletion} is left;
 *   <li>a dependent with a live owner loses its references to gone or foreground-deleting owners;
 *   <li>a dependent whose owners are all gone or deleting in the foreground is deleted: in the
 *       foreground when an owner waits and it has dependents of its own, else as its own finalizers
 *       say (Background by default).
 * </ul>
 */
final class GcPlanner {
  private GcPlanner() {}

  static List<GcAction> plan(OwnerGraph graph) {
    List<GcAction> actions = new ArrayList<>();
    for (Node node : graph.nodes()) {
      if (node.isDeleting() && node.hasFinalizer(Finalizers.ORPHAN)) {
        orphan(graph, node, actions);
      }
      if (node.isDeletingDependents()) {
        boolean blocked = false;
        for (Node dependent : graph.dependentsOf(node.uid())) {
          blocked |= blocks(dependent, node.uid());
        }
        if (!blocked) {
          actions.add(new GcAction.RemoveFinalizer(node, Finalizers.FOREGROUND));
        }
      }
      if (!node.isDeleting() && !node.ownerReferences().isEmpty()) {
        collect(graph, node, actions);
      }
    }
    return actions;
  }

  private static void orphan(OwnerGraph graph, Node owner, List<GcAction> actions) {
    List<Node> dependents = graph.dependentsOf(owner.uid());
    for (Node dependent : dependents) {
      actions.add(new GcAction.RemoveOwnerReferences(dependent, Set.of(owner.uid())));
    }
    if (dependents.isEmpty()) {
      actions.add(new GcAction.RemoveFinalizer(owner, Finalizers.ORPHAN));
    }
  }

  private static void collect(OwnerGraph graph, Node node, List<GcAction> actions) {
    Set<String> solid = new LinkedHashSet<>();
    Set<String> dangling = new LinkedHashSet<>();
    Set<String> waiting = new LinkedHashSet<>();
    for (JsonNode reference : node.ownerReferences()) {
      String uid = reference.path("uid").asText("");
      Node owner = graph.get(uid);
      if (owner == null) {
        dangling.add(uid);
      } else if (owner.isDeletingDependents()) {
        waiting.add(uid);
      } else {
        solid.add(uid);
      }
    }
    if (!solid.isEmpty()) {
      Set<String> stale = new LinkedHashSet<>(dangling);
      stale.addAll(waiting);
      if (!stale.isEmpty()) {
        actions.add(new GcAction.RemoveOwnerReferences(node, stale));
      }
    } else {
      boolean foreground = !waiting.isEmpty() && !graph.dependentsOf(node.uid()).isEmpty();
      actions.add(new GcAction.Delete(node, foreground ? Propagation.FOREGROUND : ownPolicy(node)));
    }
  }

  /** The policy an object's own finalizers ask for, Background by default. */
  private static Propagation ownPolicy(Node node) {
    if (node.hasFinalizer(Finalizers.ORPHAN)) {
      return Propagation.ORPHAN;
    }
    if (node.hasFinalizer(Finalizers.FOREGROUND)) {
      return Propagation.FOREGROUND;
    }
    return Propagation.BACKGROUND;
  }

  private static boolean blocks(Node dependent, String ownerUid) {
    for (JsonNode reference : dependent.ownerReferences()) {
      if (reference.path("uid").asText("").equals(ownerUid)
          && reference.path("blockOwnerDeletion").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }
}
