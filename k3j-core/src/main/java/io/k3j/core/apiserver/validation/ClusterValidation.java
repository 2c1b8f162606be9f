package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.FieldPath.child;
import static io.k3j.core.apiserver.validation.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Upstream's checks of cluster-level kinds: Namespace, Node and PriorityClass. */
final class ClusterValidation {
  static final long HIGHEST_USER_PRIORITY = 1_000_000_000L;
  private static final Map<String, Long> SYSTEM_PRIORITIES =
      Map.of("system-node-critical", 2_000_001_000L, "system-cluster-critical", 2_000_000_000L);
  private static final List<String> TAINT_EFFECTS =
      List.of("NoExecute", "NoSchedule", "PreferNoSchedule");
  private static final List<String> PREEMPTION_POLICIES = List.of("PreemptLowerPriority", "Never");

  private ClusterValidation() {}

  /** spec.finalizers: qualified names, and unprefixed ones must be standard. */
  static void namespace(JsonNode namespace, FieldErrors errors) {
    for (JsonNode finalizer : namespace.path("spec").path("finalizers")) {
      MetadataValidation.finalizer(finalizer.asText(""), "spec.finalizers", errors);
    }
  }

  static void node(JsonNode node, FieldErrors errors) {
    JsonNode taints = node.path("spec").path("taints");
    for (int i = 0; i < taints.size(); i++) {
      JsonNode taint = taints.get(i);
      String at = index("spec.taints", i);
      String key = taint.path("key").asText("");
      errors.invalidEach(child(at, "key"), key, Names.qualifiedName(key));
      String value = taint.path("value").asText("");
      if (!value.isEmpty()) {
        errors.invalidEach(child(at, "value"), value, Names.labelValue(value));
      }
      String effect = taint.path("effect").asText("");
      if (effect.isEmpty()) {
        errors.required(child(at, "effect"), "");
      } else if (!TAINT_EFFECTS.contains(effect)) {
        errors.notSupported(child(at, "effect"), effect, TAINT_EFFECTS);
      }
    }
  }

  /**
   * Names with the "system-" prefix are reserved; user values are at most one billion; value and
   * preemptionPolicy are immutable.
   */
  static void priorityClass(JsonNode priorityClass, JsonNode old, FieldErrors errors) {
    String name = priorityClass.path("metadata").path("name").asText("");
    long value = priorityClass.path("value").asLong(0);
    if (name.startsWith("system-")) {
      systemPriorityClass(name, value, priorityClass.path("globalDefault").asBoolean(false))
          .ifPresent(
              error ->
                  errors.forbidden(
                      "metadata.name",
                      "priority class names with 'system-' prefix are reserved for system use"
                          + " only. error: "
                          + error));
    } else if (value > HIGHEST_USER_PRIORITY) {
      errors.forbidden(
          "value", "maximum allowed value of a user defined priority is " + HIGHEST_USER_PRIORITY);
    }
    JsonNode policy = priorityClass.path("preemptionPolicy");
    if (policy.isTextual()) {
      if (policy.asText().isEmpty()) {
        errors.required("preemptionPolicy", "");
      } else if (!PREEMPTION_POLICIES.contains(policy.asText())) {
        errors.notSupported("preemptionPolicy", policy.asText(), PREEMPTION_POLICIES);
      }
    }
    if (old != null) {
      if (value != old.path("value").asLong(0)) {
        errors.forbidden("value", "may not be changed in an update.");
      }
      if (!policy.equals(old.path("preemptionPolicy"))) {
        errors.invalid("preemptionPolicy", policy.asText(""), "field is immutable");
      }
    }
  }

  private static Optional<String> systemPriorityClass(
      String name, long value, boolean globalDefault) {
    Long expected = SYSTEM_PRIORITIES.get(name);
    if (expected == null) {
      return Optional.of(name + " is not a known system priority class");
    }
    if (expected != value) {
      return Optional.of("value of " + name + " PriorityClass must be " + expected);
    }
    if (globalDefault) {
      return Optional.of("globalDefault of " + name + " PriorityClass must be false");
    }
    return Optional.empty();
  }
}
