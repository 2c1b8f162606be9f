package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The path items of one resource, laid out as kube-apiserver publishes them: collection and item,
 * their watch paths, the all-namespaces list of namespaced kinds, and the status and scale
 * subresources. Operation ids follow upstream's pattern ({@code readCoreV1NamespacedConfigMap}).
 */
final class ResourcePaths {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ResourceType type;
  private final String kindSchema;
  private final JsonNode gvk;
  private final String prefix;
  private final String scope;

  /**
   * @param kindSchema the name of the kind's schema; its list's is that + "List"
   */
  ResourcePaths(ResourceType type, String kindSchema) {
    this.type = type;
    this.kindSchema = kindSchema;
    this.gvk = gvk(type.group(), type.version(), type.kind());
    this.prefix =
        type.group().isEmpty()
            ? "/api/" + type.version()
            : "/apis/" + type.group() + "/" + type.version();
    this.scope = type.namespaced() ? "/namespaces/{namespace}" : "";
  }

  void addTo(ObjectNode paths) {
    String collection = prefix + scope + "/" + type.plural();
    addCollection(pathItem(paths, collection, false, type.namespaced()));
    addItem(pathItem(paths, collection + "/{name}", true, type.namespaced()));
    addWatches(paths);
    if (type.namespaced()) {
      addAllNamespaces(paths);
    }
    if (type.hasSubresource("status")) {
      addReadWrite(
          pathItem(paths, collection + "/{name}/status", true, type.namespaced()),
          "Status",
          gvk,
          kindSchema,
          !type.isCustom());
    }
    if (type.hasSubresource("scale")) {
      addReadWrite(
          pathItem(paths, collection + "/{name}/scale", true, type.namespaced()),
          "Scale",
          gvk("autoscaling", "v1", "Scale"),
          SchemaNames.SCALE,
          true);
    }
  }

  private void addCollection(ObjectNode item) {
    if (allows("list")) {
      item.set(
          "get",
          operation("list", "list", "", "list or watch objects of kind " + type.kind(), gvk)
              .parameters(Parameters.LIST)
              .response(200, kindSchema + "List", Operation.JSON)
              .build());
    }
    if (allows("create")) {
      item.set(
          "post",
          operation("post", "create", "", "create a " + type.kind(), gvk)
              .parameters(Parameters.WRITE)
              .body(kindSchema)
              .response(200, kindSchema, Operation.JSON)
              .response(201, kindSchema, Operation.JSON)
              .response(202, kindSchema, Operation.JSON)
              .build());
    }
    if (allows("deletecollection")) {
      item.set(
          "delete",
          new Operation(
                  "deletecollection",
                  "delete" + group() + "Collection" + scoped(type.kind()),
                  "delete a collection of " + type.kind(),
                  gvk)
              .parameters(Parameters.DELETE_COLLECTION)
              .body(SchemaNames.DELETE_OPTIONS)
              .response(200, SchemaNames.STATUS, Operation.JSON)
              .build());
    }
  }

  private void addItem(ObjectNode item) {
    addReadWrite(item, "", gvk, kindSchema, !type.isCustom());
    if (allows("delete")) {
      item.set(
          "delete",
          operation("delete", "delete", "", "delete a " + type.kind(), gvk)
              .parameters(Parameters.DELETE)
              .body(SchemaNames.DELETE_OPTIONS)
              .response(200, SchemaNames.STATUS, Operation.JSON)
              .response(202, SchemaNames.STATUS, Operation.JSON)
              .build());
    }
  }

  private void addWatches(ObjectNode paths) {
    if (!allows("watch")) {
      return;
    }
    String watch = prefix + "/watch" + scope + "/" + type.plural();
    pathItem(paths, watch, false, type.namespaced())
        .set("get", watch("watchlist", "watch" + group() + scoped(type.kind()) + "List"));
    pathItem(paths, watch + "/{name}", true, type.namespaced())
        .set("get", watch("watch", "watch" + group() + scoped(type.kind())));
  }

  /** {@code /api/v1/configmaps}: a namespaced kind listed across namespaces. */
  private void addAllNamespaces(ObjectNode paths) {
    if (!allows("list")) {
      return;
    }
    pathItem(paths, prefix + "/" + type.plural(), false, false)
        .set(
            "get",
            new Operation(
                    "list",
                    "list" + group() + type.kind() + "ForAllNamespaces",
                    "list objects of kind " + type.kind(),
                    gvk)
                .parameters(Parameters.LIST)
                .response(200, kindSchema + "List", Operation.JSON)
                .build());
    if (allows("watch")) {
      pathItem(paths, prefix + "/watch/" + type.plural(), false, false)
          .set("get", watch("watchlist", "watch" + group() + type.kind() + "ListForAllNamespaces"));
    }
  }

  /** get, put and patch on an object or one of its subresources. */
  private void addReadWrite(
      ObjectNode item, String subresource, JsonNode gvk, String schema, boolean strategicMerge) {
    String what =
        subresource.isEmpty()
            ? type.kind()
            : subresource.toLowerCase(Locale.ROOT) + " of a " + type.kind();
    if (allows("get")) {
      item.set(
          "get",
          operation("get", "read", subresource, "read the " + what, gvk)
              .response(200, schema, Operation.JSON)
              .build());
    }
    if (allows("update")) {
      item.set(
          "put",
          operation("put", "replace", subresource, "replace the " + what, gvk)
              .parameters(Parameters.WRITE)
              .body(schema)
              .response(200, schema, Operation.JSON)
              .response(201, schema, Operation.JSON)
              .build());
    }
    if (allows("patch")) {
      item.set(
          "patch",
          operation("patch", "patch", subresource, "partially update the " + what, gvk)
              .parameters(Parameters.PATCH)
              .patchBody(strategicMerge)
              .response(200, schema, Operation.JSON)
              .response(201, schema, Operation.JSON)
              .build());
    }
  }

  private ObjectNode watch(String action, String operationId) {
    return new Operation(
            action, operationId, "watch changes to objects of kind " + type.kind(), gvk)
        .parameters(Parameters.LIST)
        .response(200, SchemaNames.WATCH_EVENT, Operation.WATCH_STREAM)
        .build();
  }

  /** An operation on this kind, e.g. verb "read" → {@code readCoreV1NamespacedPodStatus}. */
  private Operation operation(
      String action, String verb, String subresource, String description, JsonNode gvk) {
    return new Operation(
        action, verb + group() + scoped(type.kind()) + subresource, description, gvk);
  }

  private String group() {
    return SchemaNames.operationGroup(type);
  }

  private String scoped(String kind) {
    return (type.namespaced() ? "Namespaced" : "") + kind;
  }

  private boolean allows(String verb) {
    return type.verbs().contains(verb);
  }

  /** The path item at {@code path}, with the path-level parameters upstream declares there. */
  private static ObjectNode pathItem(
      ObjectNode paths, String path, boolean named, boolean namespaced) {
    ObjectNode item = paths.putObject(path);
    List<JsonNode> parameters = new ArrayList<>();
    if (named) {
      parameters.add(Parameters.NAME);
    }
    if (namespaced) {
      parameters.add(Parameters.NAMESPACE);
    }
    parameters.add(Parameters.PRETTY);
    item.putArray("parameters").addAll(parameters);
    return item;
  }

  private static JsonNode gvk(String group, String version, String kind) {
    return NODES.objectNode().put("group", group).put("kind", kind).put("version", version);
  }
}
