package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The part of an object whose fields have managers. Identity and server-set metadata never do
 * (upstream strips them before tracking). With a status subresource, writes to the main resource do
 * not own {@code status} and writes to {@code /status} own only {@code status}, as upstream's reset
 * fields.
 */
final class TrackedFields {
  private static final Set<String> SERVER_METADATA =
      Set.of(
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

  /**
   * The tracked part of {@code object}, or null for null: a new top-level object (and metadata)
   * whose other values are {@code object}'s own, so it is only to be read.
   */
  static ObjectNode of(ResourceType type, JsonNode object, String subresource) {
    if (object == null) {
      return null;
    }
    ObjectNode tracked = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals("apiVersion") || name.equals("kind")) {
        continue;
      }
      if (name.equals("metadata") && value.isObject()) {
        ObjectNode metadata = trackedMetadata(value);
        if (!metadata.isEmpty()) {
          tracked.set(name, metadata);
        }
        continue;
      }
      tracked.set(name, value);
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

  private static ObjectNode trackedMetadata(JsonNode metadata) {
    ObjectNode tracked = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!SERVER_METADATA.contains(field.getKey())) {
        tracked.set(field.getKey(), field.getValue());
      }
    }
    return tracked;
  }
}
