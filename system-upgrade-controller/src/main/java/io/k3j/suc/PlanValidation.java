package io.k3j.suc;

import io.k3j.crds.upgrade.v1.DrainSpec;
import io.k3j.crds.upgrade.v1.PlanSpec;
import io.k3j.suc.model.GoDuration;
import io.k3j.suc.model.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The checks behind the {@code Validated} condition, with upstream's messages. */
final class PlanValidation {
  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private PlanValidation() {}

  /** Upstream's validation messages; empty when the plan is valid. */
  static List<String> errors(PlanSpec spec) {
    List<String> errors = new ArrayList<>();
    DrainSpec drain = spec.getDrain();
    if (drain != null) {
      if (drain.getDeleteEmptydirData() != null && drain.getDeleteLocalData() != null) {
        errors.add("spec.drain cannot specify both deleteEmptydirData and deleteLocalData");
      }
      if (drain.getPodSelector() != null
          && drain.getPodSelector().getMatchExpressions() != null
          && drain.getPodSelector().getMatchExpressions().stream()
              .anyMatch(r -> !OPERATORS.contains(r.getOperator()))) {
        errors.add("spec.drain.podSelector is not selectable");
      }
    }
    if (spec.getWindow() != null) {
      try {
        TimeWindow.of(spec.getWindow());
      } catch (IllegalArgumentException e) {
        errors.add("spec.window is invalid: " + e.getMessage());
      }
    }
    if (spec.getPostCompleteDelay() != null && !spec.getPostCompleteDelay().isEmpty()) {
      try {
        if (GoDuration.parse(spec.getPostCompleteDelay()).isNegative()) {
          errors.add("spec.postCompleteDelay is negative");
        }
      } catch (IllegalArgumentException e) {
        errors.add("spec.postCompleteDelay is invalid: " + e.getMessage());
      }
    }
    duration(
        errors,
        "spec.retry.backoff",
        spec.getRetry() == null ? null : spec.getRetry().getBackoff());
    duration(
        errors,
        "spec.healthGate.readyFor",
        spec.getHealthGate() == null ? null : spec.getHealthGate().getReadyFor());
    return errors;
  }

  /** k3j extensions' durations: a Go duration that is not negative. */
  private static void duration(List<String> errors, String field, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    try {
      if (GoDuration.parse(value).isNegative()) {
        errors.add(field + " is negative");
      }
    } catch (IllegalArgumentException e) {
      errors.add(field + " is invalid: " + e.getMessage());
    }
  }
}
