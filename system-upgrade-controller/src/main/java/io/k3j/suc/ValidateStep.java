package io.k3j.suc;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanSpec;
import io.k3j.crds.upgrade.v1.SecretSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 1: the Validated condition; also loads the hashed secrets, which must exist, from the
 * secrets informer ({@link PlanEventSources#secrets}), whose events re-run the plan.
 */
final class ValidateStep {
  private final PlanEvents events;
  private final InformerEventSource<Secret, Plan> secretCache;

  ValidateStep(PlanEvents events, InformerEventSource<Secret, Plan> secretCache) {
    this.events = events;
    this.secretCache = secretCache;
  }

  /** Whether the plan is valid; fills {@code secrets} with the hashed secrets by name. */
  boolean run(Plan plan, Map<String, Secret> secrets, Instant now) {
    PlanSpec spec = plan.getSpec();
    List<String> errors = new ArrayList<>(PlanValidation.errors(spec));
    for (SecretSpec s : spec.getSecrets() == null ? List.<SecretSpec>of() : spec.getSecrets()) {
      if (Boolean.TRUE.equals(s.getIgnoreUpdates())) {
        continue;
      }
      Secret secret =
          secretCache
              .get(new ResourceID(s.getName(), plan.getMetadata().getNamespace()))
              .orElse(null);
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
