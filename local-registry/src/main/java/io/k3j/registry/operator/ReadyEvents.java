package io.k3j.registry.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A core/v1 Event on an ImageSet or RegistryMirror whenever its {@code Ready} condition changes
 * status or reason: {@code Normal} when it becomes ready, {@code Warning} otherwise. Re-syncs that
 * change nothing record nothing.
 */
final class ReadyEvents {
  static final String COMPONENT = "k3j-local-registry";
  private static final Logger LOG = LoggerFactory.getLogger(ReadyEvents.class);

  private ReadyEvents() {}

  static Optional<Condition> ready(List<Condition> conditions) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> Conditions.READY.equals(c.getType())).findFirst();
  }

  /** Records an Event if {@code after} differs from {@code before} in status or reason. */
  static void onChange(
      KubernetesClient client,
      HasMetadata object,
      Optional<Condition> before,
      Optional<Condition> after,
      Clock clock) {
    if (after.isEmpty()
        || before.isPresent()
            && Objects.equals(before.get().getStatus(), after.get().getStatus())
            && Objects.equals(before.get().getReason(), after.get().getReason())) {
      return;
    }
    Condition ready = after.get();
    String now = clock.instant().toString();
    try {
      client
          .v1()
          .events()
          .inNamespace(object.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(object.getMetadata().getName() + "." + UUID.randomUUID())
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(object.getApiVersion())
                  .withKind(object.getKind())
                  .withName(object.getMetadata().getName())
                  .withNamespace(object.getMetadata().getNamespace())
                  .withUid(object.getMetadata().getUid())
                  .endInvolvedObject()
                  .withType("True".equals(ready.getStatus()) ? "Normal" : "Warning")
                  .withReason(ready.getReason())
                  .withMessage(ready.getMessage())
                  .withNewSource(COMPONENT, null)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "event {} on {} {} not recorded: {}",
          ready.getReason(),
          object.getKind(),
          object.getMetadata().getName(),
          e.getMessage());
    }
  }
}
