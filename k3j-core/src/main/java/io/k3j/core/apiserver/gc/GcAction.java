package io.k3j.core.apiserver.gc;

import io.k3j.core.apiserver.gc.DeleteOptions.Propagation;
import io.k3j.core.apiserver.gc.OwnerGraph.Node;
import java.util.Set;

/** One write the garbage collector decided on. */
sealed interface GcAction {
  Node node();

  /** Deletes an object whose owners are gone or waiting for it, with a uid precondition. */
  record Delete(Node node, Propagation propagation) implements GcAction {}

  /** Removes the ownerReferences to these owner uids (dangling, waiting or orphaning owners). */
  record RemoveOwnerReferences(Node node, Set<String> ownerUids) implements GcAction {}

  /** Removes a finalizer the garbage collector owns (orphan or foregroundDeletion). */
  record RemoveFinalizer(Node node, String finalizer) implements GcAction {}
}
