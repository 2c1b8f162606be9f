package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every stored object of one datastore snapshot, indexed by uid and by the owners its
 * ownerReferences name: the graph the garbage collector decides on.
 */
final class OwnerGraph {
  /** One stored object and its datastore key. */
  record Node(String key, ObjectNode object) {
    String uid() {
      return object.path("metadata").path("uid").asText("");
    }

    JsonNode ownerReferences() {
      return object.path("metadata").path("ownerReferences");
    }

    boolean isDeleting() {
      return Finalizers.isDeleting(object);
    }

    boolean hasFinalizer(String finalizer) {
      return Finalizers.of(object).contains(finalizer);
    }

    /** Whether this object is being deleted in the foreground, waiting for its dependents. */
    boolean isDeletingDependents() {
      return isDeleting() && hasFinalizer(Finalizers.FOREGROUND);
    }
  }

  private final Map<String, Node> byUid = new HashMap<>();
  private final Map<String, List<Node>> dependents = new HashMap<>();

  OwnerGraph(Collection<Node> nodes) {
    for (Node node : nodes) {
      if (!node.uid().isEmpty()) {
        byUid.put(node.uid(), node);
      }
      for (JsonNode reference : node.ownerReferences()) {
        String owner = reference.path("uid").asText("");
        dependents.computeIfAbsent(owner, uid -> new ArrayList<>()).add(node);
      }
    }
  }

  Collection<Node> nodes() {
    return byUid.values();
  }

  /** The live object with this uid, or null when it is gone. */
  Node get(String uid) {
    return byUid.get(uid);
  }

  /** The objects with an ownerReference to {@code ownerUid}. */
  List<Node> dependentsOf(String ownerUid) {
    return dependents.getOrDefault(ownerUid, List.of());
  }

  /** The uids some ownerReference names. */
  Set<String> ownerUids() {
    return Set.copyOf(dependents.keySet());
  }
}
