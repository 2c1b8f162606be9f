package io.k3j.suc;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.crds.ObjectEvents;
import io.k3j.crds.upgrade.v1.Plan;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * core/v1 Events on a Plan with upstream's reasons (Resolved, SyncJob, Complete, JobFailed, ...).
 */
final class PlanEvents {
  private static final Logger LOG = LoggerFactory.getLogger(PlanEvents.class);
  private final ObjectEvents events;

  PlanEvents(KubernetesClient client, String component, Clock clock) {
    this.events = new ObjectEvents(client, component, clock);
  }

  void normal(Plan plan, String reason, String message) {
    emit(plan, "Normal", reason, message);
  }

  void warning(Plan plan, String reason, String message) {
    emit(plan, "Warning", reason, message);
  }

  private void emit(Plan plan, String type, String reason, String message) {
    LOG.info(
        "plan {}/{}: {} {}: {}",
        plan.getMetadata().getNamespace(),
        plan.getMetadata().getName(),
        type,
        reason,
        message);
    events.record(plan, type, reason, message);
  }
}
