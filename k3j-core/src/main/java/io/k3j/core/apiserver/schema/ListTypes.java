package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Uniqueness of {@code x-kubernetes-list-type: set} items and of {@code map} items' key tuples
 * ({@code x-kubernetes-list-map-keys}); a missing key counts as null.
 */
final class ListTypes {
  private ListTypes() {}

  static List<Cause> check(Schema schema, JsonNode array, String path) {
    if ("set".equals(schema.listType)) {
      return duplicates(array, path, item -> item);
    }
    if (!"map".equals(schema.listType)) {
      return List.of();
    }
    List<Cause> causes = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isObject() && !item.isNull()) {
        causes.add(
            FieldErrors.invalid(
                Paths.index(path, i), item, "must be an object for an array of list-type map"));
      }
    }
    if (!causes.isEmpty()) {
      return causes;
    }
    return duplicates(array, path, item -> keys(schema.listMapKeys, item));
  }

  private static ObjectNode keys(List<String> names, JsonNode item) {
    ObjectNode keys = JsonNodeFactory.instance.objectNode();
    for (String name : names) {
      keys.set(name, item.path(name).isMissingNode() ? null : item.get(name));
    }
    return keys;
  }

  private static List<Cause> duplicates(
      JsonNode array, String path, UnaryOperator<JsonNode> identity) {
    List<Cause> causes = new ArrayList<>();
    List<JsonNode> seen = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode id = identity.apply(array.get(i));
      if (seen.stream().anyMatch(s -> SchemaValidator.sameValue(s, id))) {
        causes.add(FieldErrors.duplicate(Paths.index(path, i), id));
      } else {
        seen.add(id);
      }
    }
    return causes;
  }
}
