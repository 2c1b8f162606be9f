package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.0 document of one group-version, as {@code /openapi/v3/apis/{group}/{version}}
 * serves it: the paths of its resources and, under {@code components.schemas}, every schema they
 * refer to.
 */
final class GroupVersionDocument {
  private GroupVersionDocument() {}

  /** The URL path of a group-version's document below {@code /openapi/v3/}. */
  static String path(ResourceType type) {
    return type.group().isEmpty()
        ? "api/" + type.version()
        : "apis/" + type.group() + "/" + type.version();
  }

  /** Builds the document of {@code types}, which all belong to one group-version. */
  static ObjectNode build(List<ResourceType> types, KindSchemas kinds) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes").put("version", "unversioned");
    ObjectNode paths = document.putObject("paths");
    Map<String, JsonNode> schemas = new TreeMap<>();
    kinds.collectOperationSchemas(schemas);
    for (ResourceType type : types) {
      String kindSchema = kinds.collect(type, schemas);
      if (type.hasSubresource("scale")) {
        kinds.collectScale(schemas);
      }
      new ResourcePaths(type, kindSchema).addTo(paths);
    }
    document.putObject("components").putObject("schemas").setAll(schemas);
    return document;
  }
}
