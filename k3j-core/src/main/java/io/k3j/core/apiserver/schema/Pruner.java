package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Drops the fields a structural schema does not specify, below any node without {@code
 * x-kubernetes-preserve-unknown-fields: true}, and records their paths. The resource root and
 * embedded resources keep {@code apiVersion}, {@code kind} and {@code metadata}; an embedded
 * resource's metadata keeps only ObjectMeta fields, the root's is left to the API server.
 */
final class Pruner {
  private final List<String> pruned = new ArrayList<>();

  static List<String> prune(Schema root, ObjectNode object) {
    Pruner pruner = new Pruner();
    pruner.object(root, object, "", true);
    return pruner.pruned;
  }

  private void value(Schema schema, JsonNode value, String path) {
    if (value.isObject()) {
      object(schema, (ObjectNode) value, path, false);
    } else if (value.isArray() && schema.items != null) {
      for (int i = 0; i < value.size(); i++) {
        value(schema.items, value.get(i), Paths.index(path, i));
      }
    }
  }

  private void object(Schema schema, ObjectNode object, String path, boolean root) {
    boolean resource = root || schema.embeddedResource;
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      String fieldPath = Paths.child(path, name);
      if (resource && EmbeddedResources.TYPE_AND_META.contains(name)) {
        if (!root && name.equals("metadata") && field.getValue().isObject()) {
          objectMeta((ObjectNode) field.getValue(), fieldPath);
        }
        continue;
      }
      Schema fieldSchema = schema.field(name);
      if (fieldSchema != null) {
        value(fieldSchema, field.getValue(), fieldPath);
      } else if (!schema.preserveUnknownFields) {
        pruned.add(fieldPath);
        fields.remove();
      }
    }
  }

  private void objectMeta(ObjectNode metadata, String path) {
    Iterator<String> names = metadata.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!EmbeddedResources.OBJECT_META_FIELDS.contains(name)) {
        pruned.add(Paths.child(path, name));
        names.remove();
      }
    }
  }
}
