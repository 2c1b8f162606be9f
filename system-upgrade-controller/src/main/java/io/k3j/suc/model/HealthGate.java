package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.k3j.crds.upgrade.v1.HealthGateSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The health gate of {@code spec.healthGate} (a k3j extension): a node whose Job completed counts
 * as done once its {@code Ready} condition has been {@code True} for {@code readyFor}, counted from
 * the later of the Job's completion and the condition's last transition.
 */
public final class HealthGate {
  /** How often a node that is not Ready is looked at again, besides its own change events. */
  public static final Duration NOT_READY_RECHECK = Duration.ofSeconds(30);

  private HealthGate() {}

  /** Empty when the node passes the gate (or there is none), else how long to wait at most. */
  public static Optional<Duration> remaining(
      HealthGateSpec gate, Node node, Instant completedAt, Instant now) {
    if (gate == null) {
      return Optional.empty();
    }
    Optional<NodeCondition> ready =
        node.getStatus() == null || node.getStatus().getConditions() == null
            ? Optional.empty()
            : node.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    if (ready.isEmpty()) {
      return Optional.of(NOT_READY_RECHECK);
    }
    Instant since = completedAt;
    String transition = ready.get().getLastTransitionTime();
    if (transition != null && !transition.isEmpty()) {
      Instant readyAt = Instant.parse(transition);
      since = readyAt.isAfter(since) ? readyAt : since;
    }
    Duration readyFor = readyFor(gate);
    Instant passes = since.plus(readyFor);
    return passes.isAfter(now) ? Optional.of(Duration.between(now, passes)) : Optional.empty();
  }

  public static Duration readyFor(HealthGateSpec gate) {
    return gate.getReadyFor() == null || gate.getReadyFor().isEmpty()
        ? Duration.ZERO
        : GoDuration.parse(gate.getReadyFor());
  }
}
