package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which fields of a built-in object its OpenAPI schema does not know: what {@code
 * fieldValidation=Warn} (the default) reports and {@code Strict} refuses. Reads the same
 * group-version documents {@code /openapi/v3} serves, following {@code $ref}s.
 *
 * <p>Every create and update is checked, so each kind's schema is compiled once into {@link
 * KnownSchema} nodes (references resolved, properties in hash maps) and looked up once per registry
 * generation; the walk builds a path string only for a field it reports.
 */
public final class KnownFields {
  private static final int MAX_DEPTH = 64;

  /** The compiled root schemas of one registry generation, by resolved type (identity). */
  private record Roots(long generation, Map<TypeKey, KnownSchema> byType) {}

  /** A served type compared by identity: the registry hands out one instance per generation. */
  private record TypeKey(ResourceType type) {
    @Override
    public boolean equals(Object other) {
      return other instanceof TypeKey key && key.type == type;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(type);
    }
  }

  private final OpenApiHandler openApi;
  private final Map<String, JsonNode> schemasByHash = new ConcurrentHashMap<>();
  private final Map<String, KnownSchema> kindsByHash = new ConcurrentHashMap<>();
  private volatile Roots roots = new Roots(Long.MIN_VALUE, new ConcurrentHashMap<>());

  public KnownFields(OpenApiHandler openApi) {
    this.openApi = openApi;
  }

  /** Paths such as {@code spec.containers[0].imagePolicy}, in document order. */
  public List<String> unknown(ResourceType type, JsonNode object) {
    List<String> unknown = new ArrayList<>();
    walk(object, root(type), new StringBuilder(), unknown, 0);
    return unknown;
  }

  /** The kind's compiled schema; while the registry's generation stays, its documents do too. */
  private KnownSchema root(ResourceType type) {
    long generation = openApi.generation();
    Roots current = roots;
    if (current.generation() != generation) {
      current = new Roots(generation, new ConcurrentHashMap<>());
      roots = current;
    }
    TypeKey key = new TypeKey(type);
    KnownSchema root = current.byType().get(key);
    if (root == null) {
      root = compileRoot(type);
      current.byType().put(key, root);
    }
    return root;
  }

  private KnownSchema compileRoot(ResourceType type) {
    OpenApiDocuments.Document document = openApi.documentOf(type);
    JsonNode schemas =
        schemasByHash.computeIfAbsent(
            document.hash(), h -> Json.tree(document.json()).path("components").path("schemas"));
    return kindsByHash.computeIfAbsent(
        document.hash() + "/" + type.kind(),
        key -> {
          JsonNode found = kindSchema(schemas, type);
          return new Compiler(schemas)
              .compile(found == null ? Json.MAPPER.createObjectNode() : found);
        });
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
      JsonNode value, KnownSchema schema, StringBuilder path, List<String> out, int depth) {
    if (schema.open || depth > MAX_DEPTH) {
      return;
    }
    if (value.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        KnownSchema declared = schema.properties.get(field.getKey());
        KnownSchema child = declared != null ? declared : schema.additional;
        if (child == null && !schema.reportsUnknown) {
          continue;
        }
        int mark = path.length();
        if (mark > 0) {
          path.append('.');
        }
        path.append(field.getKey());
        if (child != null) {
          walk(field.getValue(), child, path, out, depth + 1);
        } else {
          out.add(path.toString());
        }
        path.setLength(mark);
      }
    } else if (value.isArray() && schema.items != null) {
      for (int i = 0; i < value.size(); i++) {
        int mark = path.length();
        path.append('[').append(i).append(']');
        walk(value.get(i), schema.items, path, out, depth + 1);
        path.setLength(mark);
      }
    }
  }

  /**
   * One schema node as the walk reads it, its references resolved.
   *
   * <p>{@code open}: the walk stops here (a {@code $ref} to nothing, or {@code
   * x-kubernetes-preserve-unknown-fields}). {@code properties}: the declared fields. {@code
   * additional}: the schema of other fields when {@code additionalProperties} is a schema. {@code
   * reportsUnknown}: other fields are unknown (properties are declared and additionalProperties is
   * absent or false). {@code items}: the schema of array items, null without {@code items}.
   */
  private static final class KnownSchema {
    static final KnownSchema OPEN = new KnownSchema(true);

    final boolean open;
    final Map<String, KnownSchema> properties = new HashMap<>();
    KnownSchema additional;
    boolean reportsUnknown;
    KnownSchema items;

    KnownSchema(boolean open) {
      this.open = open;
    }
  }

  /** Compiles schema nodes of one document; a node reached twice (or recursively) is shared. */
  private static final class Compiler {
    private final JsonNode schemas;
    private final Map<JsonNode, KnownSchema> compiled = new IdentityHashMap<>();

    Compiler(JsonNode schemas) {
      this.schemas = schemas;
    }

    KnownSchema compile(JsonNode schema) {
      JsonNode resolved = resolve(schema, schemas);
      if (resolved == null
          || resolved.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        return KnownSchema.OPEN;
      }
      KnownSchema known = compiled.get(resolved);
      if (known != null) {
        return known;
      }
      known = new KnownSchema(false);
      compiled.put(resolved, known);
      JsonNode properties = resolved.get("properties");
      JsonNode additional = resolved.get("additionalProperties");
      if (properties != null) {
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          known.properties.put(field.getKey(), compile(field.getValue()));
        }
      }
      if (additional != null && additional.isObject()) {
        known.additional = compile(additional);
      } else {
        known.reportsUnknown =
            properties != null && (additional == null || !additional.asBoolean(true));
      }
      if (resolved.has("items")) {
        known.items = compile(resolved.get("items"));
      }
      return known;
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
