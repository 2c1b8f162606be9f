package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which fields of a built-in object its OpenAPI schema does not know: what {@code
 * fieldValidation=Warn} reports and {@code Strict} refuses. Reads the same group-version documents
 * {@code /openapi/v3} serves, following {@code $ref}s.
 */
public final class KnownFields {
  private static final int MAX_DEPTH = 64;

  private final OpenApiHandler openApi;
  private final Map<String, JsonNode> schemasByHash = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> kindsByHash = new ConcurrentHashMap<>();

  public KnownFields(OpenApiHandler openApi) {
    this.openApi = openApi;
  }

  /** Paths such as {@code spec.containers[0].imagePolicy}, in document order. */
  public List<String> unknown(ResourceType type, JsonNode object) {
    OpenApiDocuments.Document document = openApi.documentOf(type);
    JsonNode schemas =
        schemasByHash.computeIfAbsent(
            document.hash(), h -> Json.tree(document.json()).path("components").path("schemas"));
    JsonNode root =
        kindsByHash.computeIfAbsent(
            document.hash() + "/" + type.kind(),
            key -> {
              JsonNode found = kindSchema(schemas, type);
              return found == null ? Json.MAPPER.createObjectNode() : found;
            });
    List<String> unknown = new ArrayList<>();
    if (root != null) {
      walk(object, root, schemas, "", unknown, 0);
    }
    return unknown;
  }

  private static JsonNode kindSchema(JsonNode schemas, ResourceType type) {
    Iterator<JsonNode> all = schemas.elements();
    while (all.hasNext()) {
      JsonNode schema = all.next();
      for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
        if (gvk.path("group").asText().equals(type.group())
            && gvk.path("version").asText().equals(type.version())
            && gvk.path("kind").asText().equals(type.kind())) {
          return schema;
        }
      }
    }
    return null;
  }

  private static void walk(
      JsonNode value, JsonNode schema, JsonNode schemas, String path, List<String> out, int depth) {
    JsonNode resolved = resolve(schema, schemas);
    if (resolved == null
        || depth > MAX_DEPTH
        || resolved.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    if (value.isObject()) {
      JsonNode properties = resolved.get("properties");
      JsonNode additional = resolved.get("additionalProperties");
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (properties != null && properties.has(field.getKey())) {
          walk(field.getValue(), properties.get(field.getKey()), schemas, child, out, depth + 1);
        } else if (additional != null && additional.isObject()) {
          walk(field.getValue(), additional, schemas, child, out, depth + 1);
        } else if (properties != null && (additional == null || !additional.asBoolean(true))) {
          out.add(child);
        }
      }
    } else if (value.isArray() && resolved.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), resolved.get("items"), schemas, path + "[" + i + "]", out, depth + 1);
      }
    }
  }

  /**
   * The schema behind {@code $ref} or a single-element {@code allOf}, as v3 documents wrap refs.
   */
  private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
    JsonNode current = schema;
    for (int hops = 0; hops < 8 && current != null; hops++) {
      if (current.has("$ref")) {
        String ref = current.get("$ref").asText();
        current = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
      } else if (current.path("allOf").size() == 1 && !current.has("properties")) {
        current = current.get("allOf").get(0);
      } else {
        return current;
      }
    }
    return current;
  }
}
