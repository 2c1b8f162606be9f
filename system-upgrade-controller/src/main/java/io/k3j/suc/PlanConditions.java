package io.k3j.suc;

import io.k3j.crds.upgrade.v1.PlanCondition;
import io.k3j.crds.upgrade.v1.PlanStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

/**
 * Plan conditions as upstream writes them: types {@code Validated}, {@code LatestResolved} and
 * {@code Complete}; only {@code lastUpdateTime} is written, and only when status, reason or message
 * change.
 */
final class PlanConditions {
  static final String VALIDATED = "Validated";
  static final String LATEST_RESOLVED = "LatestResolved";
  static final String COMPLETE = "Complete";

  private PlanConditions() {}

  static Optional<PlanCondition> get(PlanStatus status, String type) {
    return status.getConditions() == null
        ? Optional.empty()
        : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static boolean isTrue(PlanStatus status, String type) {
    return get(status, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** Sets a condition; returns whether anything changed. */
  static boolean set(
      PlanStatus status, String type, boolean value, String reason, String message, Instant now) {
    if (status.getConditions() == null) {
      status.setConditions(new ArrayList<>());
    }
    PlanCondition condition =
        get(status, type)
            .orElseGet(
                () -> {
                  PlanCondition created = new PlanCondition();
                  created.setType(type);
                  created.setStatus("Unknown");
                  status.getConditions().add(created);
                  return created;
                });
    String text = value ? "True" : "False";
    String msg = message == null || message.isEmpty() ? null : message;
    if (text.equals(condition.getStatus())
        && Objects.equals(reason, condition.getReason())
        && Objects.equals(msg, condition.getMessage())) {
      return false;
    }
    condition.setStatus(text);
    condition.setReason(reason);
    condition.setMessage(msg);
    condition.setLastUpdateTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
    return true;
  }
}
