package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Upstream's Lease check: a positive duration and a non-negative transition count. */
final class LeaseValidation {
  private LeaseValidation() {}

  static void lease(JsonNode spec, FieldErrors errors) {
    JsonNode duration = spec.path("leaseDurationSeconds");
    if (duration.isNumber() && duration.asLong() <= 0) {
      errors.invalid("spec.leaseDurationSeconds", duration.asLong(), "must be greater than 0");
    }
    NumberChecks.nonNegative(spec, "leaseTransitions", "spec", errors);
  }
}
