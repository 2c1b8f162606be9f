package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import java.util.Iterator;
import java.util.Map;

/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902) on object trees. */
final class Patches {
  private Patches() {}

  /** RFC 7386 section 2: objects merge recursively, null deletes, anything else replaces. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? (ObjectNode) target.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  /** RFC 6902: applies the operations in order; any failure fails the whole patch. */
  static JsonNode apply(JsonNode target, JsonNode operations) {
    if (!operations.isArray()) {
      throw ApiException.badRequest("a JSON patch must be an array of operations");
    }
    JsonNode document = target.deepCopy();
    for (JsonNode op : operations) {
      String path = text(op, "path");
      switch (text(op, "op")) {
        case "add":
          document = add(document, path, value(op));
          break;
        case "remove":
          document = remove(document, path);
          break;
        case "replace":
          document = add(remove(document, path), path, value(op));
          break;
        case "move":
          JsonNode moved = Pointer.get(document, text(op, "from"));
          document = add(remove(document, text(op, "from")), path, moved);
          break;
        case "copy":
          document = add(document, path, Pointer.get(document, text(op, "from")).deepCopy());
          break;
        case "test":
          if (!Pointer.get(document, path).equals(value(op))) {
            throw new ApiException(422, "Invalid", "the test operation failed at " + path);
          }
          break;
        default:
          throw ApiException.badRequest("unknown JSON patch operation " + text(op, "op"));
      }
    }
    return document;
  }

  private static JsonNode add(JsonNode document, String path, JsonNode value) {
    if (path.isEmpty()) {
      return value;
    }
    JsonNode parent = Pointer.get(document, Pointer.parent(path));
    String last = Pointer.last(path);
    if (parent.isObject()) {
      ((ObjectNode) parent).set(last, value);
    } else if (parent.isArray()) {
      ArrayNode array = (ArrayNode) parent;
      if (last.equals("-")) {
        array.add(value);
      } else {
        array.insert(Pointer.index(last, array.size() + 1), value);
      }
    } else {
      throw ApiException.badRequest("cannot add at " + path + ": the parent is not a container");
    }
    return document;
  }

  private static JsonNode remove(JsonNode document, String path) {
    JsonNode parent = Pointer.get(document, Pointer.parent(path));
    String last = Pointer.last(path);
    if (parent.isObject() && parent.has(last)) {
      ((ObjectNode) parent).remove(last);
    } else if (parent.isArray()) {
      ((ArrayNode) parent).remove(Pointer.index(last, parent.size()));
    } else {
      throw ApiException.badRequest("cannot remove " + path + ": no such member");
    }
    return document;
  }

  private static String text(JsonNode op, String field) {
    JsonNode value = op.get(field);
    if (value == null || !value.isTextual()) {
      throw ApiException.badRequest("JSON patch operation without \"" + field + "\": " + op);
    }
    return value.asText();
  }

  private static JsonNode value(JsonNode op) {
    if (!op.has("value")) {
      throw ApiException.badRequest("JSON patch operation without \"value\": " + op);
    }
    return op.get("value");
  }
}
