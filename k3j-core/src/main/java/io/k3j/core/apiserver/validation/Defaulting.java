package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Fills missing fields of a JSON object, as upstream's {@code SetDefaults_*} functions do. */
final class Defaulting {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Defaulting() {}

  static void set(ObjectNode node, String field, String value) {
    set(node, field, NODES.textNode(value));
  }

  static void set(ObjectNode node, String field, int value) {
    set(node, field, NODES.numberNode(value));
  }

  static void set(ObjectNode node, String field, boolean value) {
    set(node, field, NODES.booleanNode(value));
  }

  /** Sets {@code field} when it is missing or null. */
  static void set(ObjectNode node, String field, JsonNode value) {
    if (!node.hasNonNull(field)) {
      node.set(field, value);
    }
  }

  /** The object at {@code field}, created empty when missing or null. */
  static ObjectNode object(ObjectNode parent, String field) {
    JsonNode child = parent.get(field);
    if (child instanceof ObjectNode object) {
      return object;
    }
    return parent.putObject(field);
  }

  /** The objects of the array at {@code field} (none when it is missing). */
  static List<ObjectNode> objects(JsonNode parent, String field) {
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode item : parent.path(field)) {
      if (item instanceof ObjectNode object) {
        objects.add(object);
      }
    }
    return objects;
  }

  static ArrayNode strings(String... values) {
    ArrayNode array = NODES.arrayNode();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }
}
