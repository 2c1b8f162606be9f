package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds one OpenAPI operation object of a resource path. */
final class Operation {
  static final String JSON = "application/json";
  static final String WATCH_STREAM = "application/json;stream=watch";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> PATCH_TYPES =
      List.of(
          "application/apply-patch+yaml",
          "application/json-patch+json",
          "application/merge-patch+json");
  private static final String STRATEGIC_MERGE = "application/strategic-merge-patch+json";

  private final ObjectNode node = NODES.objectNode();
  private final ObjectNode responses = NODES.objectNode();

  /**
   * @param action upstream's {@code x-kubernetes-action}: get, list, watch, watchlist, post, put,
   *     patch, delete or deletecollection
   */
  Operation(String action, String operationId, String description, JsonNode gvk) {
    node.put("description", description).put("operationId", operationId);
    node.put("x-kubernetes-action", action);
    node.set("x-kubernetes-group-version-kind", gvk);
  }

  Operation parameters(List<JsonNode> parameters) {
    node.putArray("parameters").addAll(parameters);
    return this;
  }

  Operation body(String schema) {
    ObjectNode body = node.putObject("requestBody");
    body.putObject("content").putObject("*/*").set("schema", schemaRef(schema));
    body.put("required", true);
    return this;
  }

  /** The patch media types kube-apiserver accepts; strategic merge only for built-in types. */
  Operation patchBody(boolean strategicMerge) {
    ObjectNode body = node.putObject("requestBody");
    ObjectNode content = body.putObject("content");
    PATCH_TYPES.forEach(
        type -> content.putObject(type).set("schema", schemaRef(SchemaNames.PATCH)));
    if (strategicMerge) {
      content.putObject(STRATEGIC_MERGE).set("schema", schemaRef(SchemaNames.PATCH));
    }
    body.put("required", true);
    return this;
  }

  Operation response(int code, String schema, String mediaType) {
    ObjectNode response = responses.putObject(Integer.toString(code));
    response.put("description", code == 201 ? "Created" : code == 202 ? "Accepted" : "OK");
    response.putObject("content").putObject(mediaType).set("schema", schemaRef(schema));
    return this;
  }

  ObjectNode build() {
    responses.putObject("401").put("description", "Unauthorized");
    node.set("responses", responses);
    return node;
  }

  private static ObjectNode schemaRef(String name) {
    return NODES.objectNode().put("$ref", "#/components/schemas/" + name);
  }
}
