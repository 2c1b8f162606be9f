package io.k3j.registry.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.crds.ObjectEvents;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A core/v1 Event on an ImageSet or RegistryMirror whenever its {@code Ready} condition changes
 * status or reason: {@code Normal} when it becomes ready, {@code Warning} otherwise. Re-syncs that
 * change nothing record nothing.
 */
final class ReadyEvents {
  static final String COMPONENT = "k3j-local-registry";

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
    new ObjectEvents(client, COMPONENT, clock)
        .record(
            object,
            "True".equals(ready.getStatus()) ? "Normal" : "Warning",
            ready.getReason(),
            ready.getMessage());
  }
}
