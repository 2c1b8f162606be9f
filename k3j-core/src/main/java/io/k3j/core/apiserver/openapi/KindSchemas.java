package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas of served kinds and their lists: built-in kinds reflected from the fabric8 model,
 * custom resources from their CRD's {@code openAPIV3Schema} with {@code apiVersion}, {@code kind}
 * and {@code metadata} added as kube-apiserver does. A built-in kind whose model jar is missing
 * gets an open object schema, so its paths still resolve.
 */
final class KindSchemas {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ModelSchemas models;

  KindSchemas(ModelSchemas models) {
    this.models = models;
  }

  /**
   * Adds the schemas of {@code type}'s kind and list, and of what they refer to, to {@code into};
   * returns the kind's schema name (the list's is that name + "List").
   */
  String collect(ResourceType type, Map<String, JsonNode> into) {
    String name =
        type.isCustom()
            ? custom(type, into)
            : builtin(type.group(), type.version(), type.kind(), SchemaNames.ofKind(type), into);
    into.put(name + "List", list(type, name));
    models.collect(ListMeta.class, into);
    return name;
  }

  /** Adds {@code autoscaling/v1 Scale}, what {@code /scale} subresources read and write. */
  String collectScale(Map<String, JsonNode> into) {
    return builtin("autoscaling", "v1", "Scale", SchemaNames.SCALE, into);
  }

  /** Adds the schemas every document's operations use: DeleteOptions, Status, WatchEvent. */
  void collectOperationSchemas(Map<String, JsonNode> into) {
    models.collect(DeleteOptions.class, into);
    models.collect(Status.class, into);
    models.collect(WatchEvent.class, into);
    into.put(SchemaNames.PATCH, SpecialSchemas.schema(SchemaNames.PATCH));
  }

  private String builtin(
      String group, String version, String kind, String name, Map<String, JsonNode> into) {
    Optional<Class<?>> model = SchemaNames.modelClass(group, version, kind);
    if (model.isPresent()) {
      return models.collect(model.get(), into);
    }
    into.put(name, withObjectFields(open(), group, version, kind, into));
    return name;
  }

  private String custom(ResourceType type, Map<String, JsonNode> into) {
    JsonNode declared = type.custom().schema();
    ObjectNode schema = declared != null && declared.isObject() ? declared.deepCopy() : open();
    String name = SchemaNames.ofKind(type);
    into.put(name, withObjectFields(schema, type.group(), type.version(), type.kind(), into));
    return name;
  }

  /** What every object has, whatever its schema says: apiVersion, kind, ObjectMeta and a GVK. */
  private ObjectNode withObjectFields(
      ObjectNode schema, String group, String version, String kind, Map<String, JsonNode> into) {
    schema.put("type", "object");
    ObjectNode properties =
        schema.has("properties") && schema.get("properties").isObject()
            ? (ObjectNode) schema.get("properties")
            : schema.putObject("properties");
    properties.set("apiVersion", NODES.objectNode().put("type", "string"));
    properties.set("kind", NODES.objectNode().put("type", "string"));
    properties.set("metadata", ModelSchemas.ref(models.collect(ObjectMeta.class, into)));
    schema.set(
        "x-kubernetes-group-version-kind", ModelSchemas.groupVersionKinds(group, version, kind));
    return schema;
  }

  private static ObjectNode list(ResourceType type, String kindSchema) {
    ObjectNode list = NODES.objectNode().put("type", "object");
    ObjectNode properties = list.putObject("properties");
    properties.set("apiVersion", NODES.objectNode().put("type", "string"));
    ObjectNode items = properties.putObject("items").put("type", "array");
    items.set("items", ModelSchemas.ref(kindSchema));
    properties.set("kind", NODES.objectNode().put("type", "string"));
    properties.set("metadata", ModelSchemas.ref(SchemaNames.LIST_META));
    list.putArray("required").add("items");
    list.set(
        "x-kubernetes-group-version-kind",
        ModelSchemas.groupVersionKinds(type.group(), type.version(), type.listKind()));
    return list;
  }

  private static ObjectNode open() {
    return NODES.objectNode().put("x-kubernetes-preserve-unknown-fields", true);
  }
}
