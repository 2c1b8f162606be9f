package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Upstream's core/v1 Event check: an Event without eventTime lives in its involved object's
 * namespace (or in "default" for a cluster-scoped one).
 */
final class EventValidation {
  private EventValidation() {}

  static void event(JsonNode event, FieldErrors errors) {
    if (event.hasNonNull("eventTime")) {
      return;
    }
    String namespace = event.path("metadata").path("namespace").asText("");
    String involved = event.path("involvedObject").path("namespace").asText("");
    boolean matches =
        involved.isEmpty()
            ? namespace.isEmpty() || namespace.equals("default")
            : involved.equals(namespace);
    if (!matches) {
      errors.invalid("involvedObject.namespace", involved, "does not match event.namespace");
    }
  }
}
