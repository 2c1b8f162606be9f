package io.k3j.core.apiserver.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Setting one condition in a {@code conditions} list as upstream's helpers do ({@code
 * meta.SetStatusCondition}, {@code podutil.UpdatePodCondition}): the transition time changes only
 * when the status does.
 */
final class Conditions {
  private Conditions() {}

  /** Whether the pod's {@code Ready} condition is True ({@code podutil.IsPodReady}). */
  static boolean isReady(JsonNode pod) {
    return "True"
        .equals(find(pod.path("status").path("conditions"), "Ready").path("status").asText());
  }

  static JsonNode find(JsonNode conditions, String type) {
    for (JsonNode condition : conditions) {
      if (type.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return MissingNode.getInstance();
  }

  /**
   * Sets {@code condition} (type, status, reason, message, ...) in {@code status.conditions},
   * keeping the old {@code lastTransitionTime} when the status did not change.
   */
  static void set(ObjectNode status, ObjectNode condition, Instant now) {
    JsonNode existing = status.path("conditions");
    ArrayNode conditions =
        existing.isArray() ? (ArrayNode) existing : status.putArray("conditions");
    String type = condition.path("type").asText();
    for (int i = 0; i < conditions.size(); i++) {
      JsonNode old = conditions.get(i);
      if (type.equals(old.path("type").asText())) {
        boolean same = old.path("status").equals(condition.path("status"));
        condition.set(
            "lastTransitionTime",
            same && old.hasNonNull("lastTransitionTime")
                ? old.get("lastTransitionTime")
                : timestamp(now));
        conditions.set(i, condition);
        return;
      }
    }
    condition.set("lastTransitionTime", timestamp(now));
    conditions.add(condition);
  }

  private static JsonNode timestamp(Instant now) {
    return TextNode.valueOf(now.truncatedTo(ChronoUnit.SECONDS).toString());
  }
}
