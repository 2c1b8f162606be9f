package io.k3j.registry.operator;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code Ready} condition in metav1.Condition shape; {@code lastTransitionTime} moves only when
 * the status flips.
 */
final class Conditions {
  static final String READY = "Ready";

  private Conditions() {}

  static List<Condition> ready(
      List<Condition> current,
      boolean ready,
      String reason,
      String message,
      long generation,
      Instant now) {
    List<Condition> next = new ArrayList<>(current == null ? List.of() : current);
    Condition old = next.stream().filter(c -> READY.equals(c.getType())).findFirst().orElse(null);
    String status = ready ? "True" : "False";
    Condition condition = new Condition();
    condition.setType(READY);
    condition.setStatus(status);
    condition.setReason(reason);
    condition.setMessage(message == null ? "" : message);
    condition.setObservedGeneration(generation);
    condition.setLastTransitionTime(
        old != null && Objects.equals(old.getStatus(), status)
            ? old.getLastTransitionTime()
            : now.truncatedTo(ChronoUnit.SECONDS).toString());
    next.remove(old);
    next.add(condition);
    return next;
  }
}
