package io.k3j.suc;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanSpec;
import io.k3j.crds.upgrade.v1.SecretSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Step 1: the Validated condition; also loads the hashed secrets, which must exist. */
final class ValidateStep {
  private final PlanEvents events;

  ValidateStep(PlanEvents events) {
    this.events = events;
  }

  /** Whether the plan is valid; fills {@code secrets} with the hashed secrets by name. */
  boolean run(Plan plan, KubernetesClient client, Map<String, Secret> secrets, Instant now) {
    PlanSpec spec = plan.getSpec();
    List<String> errors = new ArrayList<>(PlanValidation.errors(spec));
    for (SecretSpec s : spec.getSecrets() == null ? List.<SecretSpec>of() : spec.getSecrets()) {
      if (Boolean.TRUE.equals(s.getIgnoreUpdates())) {
        continue;
      }
      Secret secret =
          client
              .secrets()
              .inNamespace(plan.getMetadata().getNamespace())
              .withName(s.getName())
              .get();
      if (secret == null) {
        errors.add("secret \"" + s.getName() + "\" not found");
      } else {
        secrets.put(s.getName(), secret);
      }
    }
    if (!errors.isEmpty()) {
      String message = String.join(", ", errors);
      if (PlanConditions.set(
          plan.getStatus(), PlanConditions.VALIDATED, false, "Error", message, now)) {
        events.warning(plan, "ValidateFailed", message);
      }
      return false;
    }
    if (PlanConditions.set(
        plan.getStatus(), PlanConditions.VALIDATED, true, "PlanIsValid", null, now)) {
      events.normal(plan, "Validated", "Plan is valid");
    }
    return true;
  }
}
