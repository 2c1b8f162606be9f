/**
 * Pod disruption budgets as upstream enforces them.
 *
 * <ul>
 *   <li>{@link io.k3j.core.apiserver.disruption.Evictions} is the {@code pods/eviction} subresource
 *       (policy/v1 and policy/v1beta1 {@code Eviction} bodies): a pod covered by a budget is
 *       deleted only when the budget's status allows a disruption, which the eviction consumes by
 *       recording the pod in {@code status.disruptedPods}; otherwise 429 TooManyRequests, which
 *       {@code kubectl drain} retries.
 *   <li>{@link io.k3j.core.apiserver.disruption.DisruptionController} keeps each budget's status
 *       ({@code currentHealthy}, {@code desiredHealthy}, {@code expectedPods}, {@code
 *       disruptionsAllowed}, the {@code DisruptionAllowed} condition) up to date from the Ready
 *       conditions of the pods it selects, computed by {@link
 *       io.k3j.core.apiserver.disruption.BudgetStatus}.
 * </ul>
 *
 * <p>Sources: kube-apiserver {@code pkg/registry/core/pod/storage/eviction.go} and
 * kube-controller-manager {@code pkg/controller/disruption/disruption.go} (Kubernetes 1.32).
 */
package io.k3j.core.apiserver.disruption;
