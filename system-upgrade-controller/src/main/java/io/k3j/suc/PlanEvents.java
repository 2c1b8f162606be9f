package io.k3j.suc;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k3j.crds.upgrade.v1.Plan;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * core/v1 Events on a Plan with upstream's reasons (Resolved, SyncJob, Complete, JobFailed, ...).
 */
final class PlanEvents {
  private static final Logger LOG = LoggerFactory.getLogger(PlanEvents.class);
  private final KubernetesClient client;
  private final String component;
  private final Clock clock;

  PlanEvents(KubernetesClient client, String component, Clock clock) {
    this.client = client;
    this.component = component;
    this.clock = clock;
  }

  void normal(Plan plan, String reason, String message) {
    emit(plan, "Normal", reason, message);
  }

  void warning(Plan plan, String reason, String message) {
    emit(plan, "Warning", reason, message);
  }

  private void emit(Plan plan, String type, String reason, String message) {
    String now = clock.instant().toString();
    LOG.info(
        "plan {}/{}: {} {}: {}",
        plan.getMetadata().getNamespace(),
        plan.getMetadata().getName(),
        type,
        reason,
        message);
    try {
      client
          .v1()
          .events()
          .inNamespace(plan.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(plan.getMetadata().getName() + "." + UUID.randomUUID())
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(plan.getApiVersion())
                  .withKind(plan.getKind())
                  .withName(plan.getMetadata().getName())
                  .withNamespace(plan.getMetadata().getNamespace())
                  .withUid(plan.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withNewSource(component, null)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // An event that cannot be written must not stop the rollout.
      LOG.warn(
          "event {} on plan {} not recorded: {}",
          reason,
          plan.getMetadata().getName(),
          e.getMessage());
    }
  }
}
