package io.k3j.core.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Arrays;

/**
 * The patch metadata of one place in an object, read from an OpenAPI v3 schema: the {@code
 * x-kubernetes-patch-strategy} ({@code merge}, {@code replace}, {@code retainKeys} or a
 * comma-separated combination) and {@code x-kubernetes-patch-merge-key} of the property that leads
 * here, and the schemas of its properties, map values and list items. References ({@code $ref},
 * also wrapped in a one-element {@code allOf}) are followed through {@code components.schemas}. A
 * place the schema does not describe is {@link #open()}: maps merge, lists are replaced.
 */
public final class PatchSchema {
  private static final String REF_PREFIX = "#/components/schemas/";
  private static final int MAX_REFERENCE_HOPS = 8;
  private static final PatchSchema OPEN = new PatchSchema(MissingNode.getInstance(), null);

  private final JsonNode schemas;
  private final JsonNode node;

  private PatchSchema(JsonNode schemas, JsonNode node) {
    this.schemas = schemas;
    this.node = node == null ? MissingNode.getInstance() : node;
  }

  /** No metadata anywhere below: what a JSON merge patch does, apart from the directives. */
  public static PatchSchema open() {
    return OPEN;
  }

  /**
   * The schema named {@code name} in an OpenAPI v3 {@code document}'s {@code components.schemas},
   * or {@link #open()} if there is none.
   */
  public static PatchSchema of(JsonNode document, String name) {
    JsonNode schemas = document.path("components").path("schemas");
    return schemas.has(name) ? new PatchSchema(schemas, schemas.get(name)) : OPEN;
  }

  /** The schema of property {@code name}, or of any value if this is a map. */
  PatchSchema field(String name) {
    JsonNode resolved = resolved();
    JsonNode property = resolved.path("properties").path(name);
    if (property.isMissingNode() && resolved.path("additionalProperties").isObject()) {
      property = resolved.get("additionalProperties");
    }
    return property.isMissingNode() ? OPEN : new PatchSchema(schemas, property);
  }

  /** The schema of this list's items. */
  PatchSchema items() {
    JsonNode items = resolved().path("items");
    return items.isMissingNode() ? OPEN : new PatchSchema(schemas, items);
  }

  /** Whether this list merges (strategy {@code merge}); other lists are replaced. */
  boolean mergesList() {
    return hasStrategy("merge");
  }

  /** Whether this map is replaced as a whole (strategy {@code replace}) instead of merged. */
  boolean replacesMap() {
    return hasStrategy("replace");
  }

  /** The merge key of this list's items, or null. */
  String mergeKey() {
    JsonNode key = node.path("x-kubernetes-patch-merge-key");
    return key.isTextual() ? key.asText() : null;
  }

  private boolean hasStrategy(String strategy) {
    JsonNode strategies = node.path("x-kubernetes-patch-strategy");
    return strategies.isTextual()
        && Arrays.asList(strategies.asText().split(",")).contains(strategy);
  }

  /**
   * This schema with references followed; extensions stay on the referring property. The hop limit
   * ends a reference cycle, which no served document has.
   */
  private JsonNode resolved() {
    JsonNode current = node;
    for (int hops = 0; hops < MAX_REFERENCE_HOPS; hops++) {
      JsonNode allOf = current.path("allOf");
      if (allOf.isArray() && allOf.size() == 1) {
        current = allOf.get(0);
      } else if (current.path("$ref").isTextual()
          && current.get("$ref").asText().startsWith(REF_PREFIX)) {
        current = schemas.path(current.get("$ref").asText().substring(REF_PREFIX.length()));
      } else {
        return current;
      }
    }
    return current;
  }
}
