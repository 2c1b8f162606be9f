package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merging an applied configuration into a live object by the schema's list and map types, and
 * removing fields by path.
 */
final class ApplyMerge {
  private ApplyMerge() {}

  /**
   * {@code config} merged into {@code live}: objects merge key by key (a null value removes the
   * key), map lists item by item on their keys, sets by value; atomic lists and objects, and
   * scalars, are replaced. Neither argument is modified.
   */
  static JsonNode merge(JsonNode live, JsonNode config, TypeSchema schema) {
    if (live == null || live.isNull()) {
      return config.deepCopy();
    }
    if (live.isObject() && config.isObject() && !schema.atomicObject()) {
      ObjectNode result = ((ObjectNode) live).deepCopy();
      Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        if (field.getValue().isNull()) {
          result.remove(name);
        } else {
          result.set(name, merge(live.get(name), field.getValue(), schema.field(name)));
        }
      }
      return result;
    }
    if (live.isArray() && config.isArray() && !schema.listType().equals("atomic")) {
      ArrayNode result = ((ArrayNode) live).deepCopy();
      for (JsonNode item : config) {
        int index = indexOf(result, schema, item);
        if (index < 0) {
          result.add(item.deepCopy());
        } else {
          result.set(index, merge(result.get(index), item, schema.items()));
        }
      }
      return result;
    }
    return config.deepCopy();
  }

  /** Removes the field or list item at {@code path} from {@code object}, if it is there. */
  static void remove(JsonNode object, List<String> path, TypeSchema schema) {
    JsonNode parent = object;
    TypeSchema parentSchema = schema;
    for (int i = 0; i < path.size() - 1 && parent != null; i++) {
      parent = child(parent, path.get(i), parentSchema);
      parentSchema = childSchema(parentSchema, path.get(i));
    }
    if (parent == null || path.isEmpty()) {
      return;
    }
    String last = path.get(path.size() - 1);
    if (last.startsWith("f:") && parent.isObject()) {
      ((ObjectNode) parent).remove(last.substring(2));
    } else if (parent.isArray()) {
      ArrayNode array = (ArrayNode) parent;
      for (int i = array.size() - 1; i >= 0; i--) {
        if (last.equals(PathElements.item(parentSchema, array.get(i)))) {
          array.remove(i);
        }
      }
    }
  }

  private static JsonNode child(JsonNode node, String element, TypeSchema schema) {
    if (element.startsWith("f:")) {
      return node.isObject() ? node.get(element.substring(2)) : null;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (element.equals(PathElements.item(schema, item))) {
          return item;
        }
      }
    }
    return null;
  }

  private static TypeSchema childSchema(TypeSchema schema, String element) {
    return element.startsWith("f:") ? schema.field(element.substring(2)) : schema.items();
  }

  private static int indexOf(ArrayNode array, TypeSchema list, JsonNode item) {
    String element = PathElements.item(list, item);
    for (int i = 0; i < array.size(); i++) {
      if (element.equals(PathElements.item(list, array.get(i)))) {
        return i;
      }
    }
    return -1;
  }
}
