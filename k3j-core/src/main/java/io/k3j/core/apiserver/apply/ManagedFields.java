package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing {@code metadata.managedFields} of an object. */
final class ManagedFields {
  private ManagedFields() {}

  /** The entries of {@code object}; an invalid list is a 400. */
  static List<ManagedFieldsEntry> of(JsonNode object) {
    JsonNode list = object == null ? null : object.path("metadata").get("managedFields");
    List<ManagedFieldsEntry> entries = new ArrayList<>();
    if (list == null || list.isNull()) {
      return entries;
    }
    if (!list.isArray()) {
      throw ApiException.badRequest("metadata.managedFields must be a list of entries");
    }
    for (JsonNode entry : list) {
      try {
        entries.add(ManagedFieldsEntry.fromJson(entry));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("invalid metadata.managedFields: " + e.getMessage());
      }
    }
    return entries;
  }

  /**
   * Whether the client asked to drop all managed fields: upstream's {@code [{}]}, a list holding
   * one empty entry (an empty list leaves them alone).
   */
  static boolean clearRequested(JsonNode object) {
    JsonNode list = object.path("metadata").path("managedFields");
    return list.isArray() && list.size() == 1 && list.get(0).isObject() && list.get(0).isEmpty();
  }

  /** Whether {@code object} carries a non-empty {@code managedFields} list. */
  static boolean present(JsonNode object) {
    JsonNode list = object.path("metadata").path("managedFields");
    return list.isArray() && !list.isEmpty();
  }

  /** Writes {@code entries} (those that own something, in upstream's order) into the object. */
  static void write(ObjectNode object, List<ManagedFieldsEntry> entries) {
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    List<ManagedFieldsEntry> kept = new ArrayList<>();
    entries.stream().filter(entry -> !entry.fields().isEmpty()).forEach(kept::add);
    kept.sort(ManagedFieldsEntry.ORDER);
    if (kept.isEmpty()) {
      metadata.remove("managedFields");
      return;
    }
    ArrayNode list = metadata.putArray("managedFields");
    kept.forEach(entry -> list.add(entry.toJson()));
  }
}
