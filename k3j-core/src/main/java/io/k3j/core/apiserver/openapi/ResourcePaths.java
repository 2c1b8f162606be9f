package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The path items of one resource, laid out as kube-apiserver publishes them: collection and item,
 * their watch paths, the all-namespaces list of namespaced kinds, and the status and scale
 * subresources. Each operation names its {@code x-kubernetes-action} and {@code
 * x-kubernetes-group-version-kind}.
 */
final class ResourcePaths {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String JSON = "application/json";
  private static final String WATCH_STREAM = "application/json;stream=watch";

  private final ResourceType type;
  private final String kindSchema;
  private final String prefix;
  private final String scope;
  private final String idScope;
  private final String idGroup;

  /**
   * @param kindSchema the name of the kind's schema; its list's is that + "List"
   */
  ResourcePaths(ResourceType type, String kindSchema) {
    this.type = type;
    this.kindSchema = kindSchema;
    this.prefix =
        type.group().isEmpty()
            ? "/api/" + type.version()
            : "/apis/" + type.group() + "/" + type.version();
    this.scope = type.namespaced() ? "/namespaces/{namespace}" : "";
    this.idScope = type.namespaced() ? "Namespaced" : "";
    this.idGroup = SchemaNames.operationGroup(type);
  }

  void addTo(ObjectNode paths) {
    String collection = prefix + scope + "/" + type.plural();
    String item = collection + "/{name}";
    String kind = type.kind();
    ObjectNode kindGvk = gvk(type.group(), type.version(), kind);

    ObjectNode collectionItem = pathItem(paths, collection, false);
    if (allows("list")) {
      collectionItem.set(
          "get",
          operation("list", "list" + idScope + kind, "list or watch objects of kind " + kind)
              .gvk(kindGvk)
              .parameters(Parameters.LIST)
              .response("200", kindSchema + "List", JSON)
              .node());
    }
    if (allows("create")) {
      collectionItem.set(
          "post",
          operation("post", "create" + idScope + kind, "create a " + kind)
              .gvk(kindGvk)
              .parameters(Parameters.WRITE)
              .body(kindSchema)
              .response("200", kindSchema, JSON)
              .response("201", kindSchema, JSON)
              .response("202", kindSchema, JSON)
              .node());
    }
    if (allows("deletecollection")) {
      collectionItem.set(
          "delete",
          operation(
                  "deletecollection",
                  "deleteCollection" + idScope + kind,
                  "delete a collection of " + kind)
              .gvk(kindGvk)
              .parameters(Parameters.DELETE_COLLECTION)
              .body(SchemaNames.DELETE_OPTIONS)
              .response("200", SchemaNames.STATUS, JSON)
              .node());
    }

    ObjectNode itemPath = pathItem(paths, item, true);
    addReadWrite(itemPath, kind, "", kindGvk, kindSchema, !type.isCustom());
    if (allows("delete")) {
      itemPath.set(
          "delete",
          operation("delete", "delete" + idScope + kind, "delete a " + kind)
              .gvk(kindGvk)
              .parameters(Parameters.DELETE)
              .body(SchemaNames.DELETE_OPTIONS)
              .response("200", SchemaNames.STATUS, JSON)
              .response("202", SchemaNames.STATUS, JSON)
              .node());
    }

    if (allows("watch")) {
      String watch = prefix + "/watch" + scope + "/" + type.plural();
      pathItem(paths, watch, false)
          .set("get", watch("watchlist", "watch" + idScope + kind + "List", kindGvk));
      pathItem(paths, watch + "/{name}", true)
          .set("get", watch("watch", "watch" + idScope + kind, kindGvk));
    }
    if (type.namespaced() && allows("list")) {
      pathItem(paths, prefix + "/" + type.plural(), null)
          .set(
              "get",
              operation("list", "list" + kind + "ForAllNamespaces", "list objects of kind " + kind)
                  .gvk(kindGvk)
                  .parameters(Parameters.LIST)
                  .response("200", kindSchema + "List", JSON)
                  .node());
      if (allows("watch")) {
        pathItem(paths, prefix + "/watch/" + type.plural(), null)
            .set("get", watch("watchlist", "watch" + kind + "ListForAllNamespaces", kindGvk));
      }
    }

    if (type.hasSubresource("status")) {
      addReadWrite(
          pathItem(paths, item + "/status", true),
          kind,
          "Status",
          kindGvk,
          kindSchema,
          !type.isCustom());
    }
    if (type.hasSubresource("scale")) {
      addReadWrite(
          pathItem(paths, item + "/scale", true),
          kind,
          "Scale",
          gvk("autoscaling", "v1", "Scale"),
          SchemaNames.SCALE,
          true);
    }
  }

  /** get, put and patch on an object or one of its subresources. */
  private void addReadWrite(
      ObjectNode pathItem,
      String kind,
      String subresource,
      ObjectNode gvk,
      String schema,
      boolean strategicMerge) {
    String id = idScope + kind + subresource;
    String what = subresource.isEmpty() ? kind : subresource.toLowerCase() + " of a " + kind;
    if (allows("get")) {
      pathItem.set(
          "get",
          operation("get", "read" + id, "read the " + what)
              .gvk(gvk)
              .response("200", schema, JSON)
              .node());
    }
    if (allows("update")) {
      pathItem.set(
          "put",
          operation("put", "replace" + id, "replace the " + what)
              .gvk(gvk)
              .parameters(Parameters.WRITE)
              .body(schema)
              .response("200", schema, JSON)
              .response("201", schema, JSON)
              .node());
    }
    if (allows("patch")) {
      pathItem.set(
          "patch",
          operation("patch", "patch" + id, "partially update the " + what)
              .gvk(gvk)
              .parameters(Parameters.PATCH)
              .patchBody(strategicMerge)
              .response("200", schema, JSON)
              .response("201", schema, JSON)
              .node());
    }
  }

  private ObjectNode watch(String action, String id, ObjectNode gvk) {
    return operation(action, id, "watch changes to objects of kind " + type.kind())
        .gvk(gvk)
        .parameters(Parameters.LIST)
        .response("200", SchemaNames.WATCH_EVENT, WATCH_STREAM)
        .node();
  }

  private boolean allows(String verb) {
    return type.verbs().contains(verb);
  }

  /**
   * The path item at {@code path} with its path-level parameters.
   *
   * @param named whether the path has a {name}; null for paths across namespaces
   */
  private ObjectNode pathItem(ObjectNode paths, String path, Boolean named) {
    ObjectNode item = paths.putObject(path);
    List<JsonNode> parameters = new ArrayList<>();
    if (Boolean.TRUE.equals(named)) {
      parameters.add(Parameters.NAME);
    }
    if (named != null && type.namespaced()) {
      parameters.add(Parameters.NAMESPACE);
    }
    parameters.add(Parameters.PRETTY);
    item.putArray("parameters").addAll(parameters);
    return item;
  }

  private Operation operation(String action, String idSuffix, String description) {
    String verb = idSuffix.replaceFirst("[A-Z].*", "");
    String id = verb + idGroup + idSuffix.substring(verb.length());
    ObjectNode node = NODES.objectNode().put("description", description).put("operationId", id);
    node.put("x-kubernetes-action", action);
    return new Operation(node);
  }

  private static ObjectNode gvk(String group, String version, String kind) {
    return NODES.objectNode().put("group", group).put("kind", kind).put("version", version);
  }

  /** Builds one operation object. */
  private record Operation(ObjectNode node) {
    Operation gvk(ObjectNode gvk) {
      node.set("x-kubernetes-group-version-kind", gvk);
      return this;
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
      List<String> types = new ArrayList<>();
      types.add("application/apply-patch+yaml");
      types.add("application/json-patch+json");
      types.add("application/merge-patch+json");
      if (strategicMerge) {
        types.add("application/strategic-merge-patch+json");
      }
      types.forEach(t -> content.putObject(t).set("schema", schemaRef(SchemaNames.PATCH)));
      body.put("required", true);
      return this;
    }

    Operation response(String code, String schema, String mediaType) {
      ObjectNode responses =
          node.has("responses") ? (ObjectNode) node.get("responses") : unauthorized();
      ObjectNode response = NODES.objectNode().put("description", description(code));
      response.putObject("content").putObject(mediaType).set("schema", schemaRef(schema));
      responses.set(code, response);
      return this;
    }

    private ObjectNode unauthorized() {
      ObjectNode responses = node.putObject("responses");
      responses.putObject("401").put("description", "Unauthorized");
      return responses;
    }

    private static String description(String code) {
      switch (code) {
        case "201":
          return "Created";
        case "202":
          return "Accepted";
        default:
          return "OK";
      }
    }

    private static ObjectNode schemaRef(String name) {
      return NODES.objectNode().put("$ref", "#/components/schemas/" + name);
    }
  }
}
