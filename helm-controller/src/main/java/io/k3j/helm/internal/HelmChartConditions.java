package io.k3j.helm.internal;

import io.k3j.crds.helm.v1.HelmChartCondition;
import io.k3j.crds.helm.v1.HelmChartStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The HelmChart conditions: upstream's {@code Failed} (True when the last install, upgrade or
 * uninstall failed; the {@code Failed} printer column) and k3j's {@code Deployed} (True while the
 * release matches the spec). Upstream's {@code JobCreated} is never set: there is no Job.
 */
final class HelmChartConditions {
  static final String FAILED = "Failed";
  static final String DEPLOYED = "Deployed";

  private HelmChartConditions() {}

  static Optional<HelmChartCondition> get(HelmChartStatus status, String type) {
    return status.getConditions() == null
        ? Optional.empty()
        : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static boolean isTrue(HelmChartStatus status, String type) {
    return get(status, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** Sets a condition; returns whether status, reason or message changed. */
  static boolean set(
      HelmChartStatus status, String type, boolean value, String reason, String message) {
    List<HelmChartCondition> conditions =
        status.getConditions() == null
            ? new ArrayList<>()
            : new ArrayList<>(status.getConditions());
    HelmChartCondition condition =
        conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    String s = value ? "True" : "False";
    if (condition != null
        && s.equals(condition.getStatus())
        && Objects.equals(reason, condition.getReason())
        && Objects.equals(message, condition.getMessage())) {
      return false;
    }
    if (condition == null) {
      condition = new HelmChartCondition();
      condition.setType(type);
      conditions.add(condition);
    }
    condition.setStatus(s);
    condition.setReason(reason);
    condition.setMessage(message);
    status.setConditions(conditions);
    return true;
  }
}
