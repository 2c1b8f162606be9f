package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Builds group-version documents for tests and walks what they contain. */
final class Documents {
  private static final KindSchemas KINDS = new KindSchemas(new ModelSchemas());

  private Documents() {}

  /**
   * The document of the group-version at {@code path} (e.g. {@code apis/apps/v1}) of {@code types}.
   */
  static JsonNode of(List<ResourceType> types, String path) {
    List<ResourceType> served =
        types.stream().filter(t -> GroupVersionDocument.path(t).equals(path)).toList();
    if (served.isEmpty()) {
      throw new AssertionError("no resources in " + path);
    }
    // Round-trip through bytes: what clients parse, not the shared in-memory tree.
    return Json.tree(Json.bytes(GroupVersionDocument.build(served, KINDS)));
  }

  static JsonNode schema(JsonNode document, String name) {
    JsonNode schema = document.path("components").path("schemas").path(name);
    if (schema.isMissingNode()) {
      throw new AssertionError("no schema " + name);
    }
    return schema;
  }

  /** Every {@code $ref} value anywhere in {@code node}. */
  static List<String> refs(JsonNode node) {
    List<String> refs = new ArrayList<>();
    collectRefs(node, refs);
    return refs;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
          refs.add(field.getValue().asText());
        } else {
          collectRefs(field.getValue(), refs);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
