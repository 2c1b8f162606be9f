package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.List;

/**
 * The part of an object whose fields have managers. Identity and server-set metadata never do
 * (upstream strips them before tracking). With a status subresource, writes to the main resource do
 * not own {@code status} and writes to {@code /status} own only {@code status}, as upstream's reset
 * fields.
 */
final class TrackedFields {
  private static final List<String> SERVER_METADATA =
      List.of(
          "name",
          "namespace",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "selfLink",
          "managedFields");

  private TrackedFields() {}

  /** A copy of the tracked part of {@code object}, or null for null. */
  static ObjectNode of(ResourceType type, JsonNode object, String subresource) {
    if (object == null) {
      return null;
    }
    ObjectNode tracked = object.deepCopy();
    tracked.remove(List.of("apiVersion", "kind"));
    if (tracked.path("metadata").isObject()) {
      ObjectNode metadata = (ObjectNode) tracked.get("metadata");
      metadata.remove(SERVER_METADATA);
      if (metadata.isEmpty()) {
        tracked.remove("metadata");
      }
    }
    if (type.hasSubresource("status") && !type.plural().equals("namespaces")) {
      if (subresource.equals("status")) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        if (tracked.has("status")) {
          status.set("status", tracked.get("status"));
        }
        return status;
      }
      tracked.remove("status");
    }
    return tracked;
  }
}
