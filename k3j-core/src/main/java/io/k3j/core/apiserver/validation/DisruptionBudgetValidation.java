package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Upstream's PodDisruptionBudget checks. */
final class DisruptionBudgetValidation {
  private static final List<String> EVICTION_POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");

  private DisruptionBudgetValidation() {}

  static void budget(JsonNode spec, FieldErrors errors) {
    if (spec.hasNonNull("minAvailable") && spec.hasNonNull("maxUnavailable")) {
      errors.invalid(
          "spec",
          new GoLiteral(spec.toString()),
          "minAvailable and maxUnavailable cannot be both set");
    }
    for (String field : List.of("minAvailable", "maxUnavailable")) {
      if (spec.hasNonNull(field)) {
        NumberChecks.positiveIntOrPercent(spec.get(field), "spec." + field, errors);
        NumberChecks.notMoreThan100Percent(spec.get(field), "spec." + field, errors);
      }
    }
    if (spec.path("selector").isObject()) {
      LabelSelectors.validate(spec.path("selector"), "spec.selector", errors);
    }
    String policy = spec.path("unhealthyPodEvictionPolicy").asText("");
    if (!policy.isEmpty() && !EVICTION_POLICIES.contains(policy)) {
      errors.notSupported("spec.unhealthyPodEvictionPolicy", policy, EVICTION_POLICIES);
    }
  }
}
