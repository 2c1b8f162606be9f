/**
 * Deletion as upstream Kubernetes does it.
 *
 * <ul>
 *   <li>{@link io.k3j.core.apiserver.gc.ObjectDeleter} is the registry's delete: {@link
 *       io.k3j.core.apiserver.gc.DeleteOptions} (propagation policy, grace period, preconditions,
 *       dryRun); an object with finalizers is only marked with deletionTimestamp, and the update
 *       that removes its last finalizer deletes it ({@link
 *       io.k3j.core.apiserver.gc.Finalizers#completeDeletion}).
 *   <li>{@link io.k3j.core.apiserver.gc.GarbageCollector} follows ownerReferences by uid across
 *       every stored kind: Background deletes dependents of gone owners, Foreground holds the owner
 *       (foregroundDeletion) until its blocking dependents are gone, Orphan removes the references
 *       (orphan) before the owner goes.
 *   <li>{@link io.k3j.core.apiserver.gc.NamespaceController} empties a terminating Namespace,
 *       reports progress in its conditions, and finalizes it; {@link
 *       io.k3j.core.apiserver.gc.NamespaceLifecycle} refuses new content meanwhile.
 * </ul>
 *
 * <p>Both controllers react to datastore changes only (an idle server does nothing) and decide from
 * one consistent snapshot per pass, so a missed or repeated event costs a pass, never a wrong
 * deletion. Writes go through the {@link io.k3j.core.apiserver.resources.ObjectStore} like any
 * client's.
 */
package io.k3j.core.apiserver.gc;
