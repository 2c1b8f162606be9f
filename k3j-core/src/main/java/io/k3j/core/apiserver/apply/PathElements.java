package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/** The path elements of FieldsV1 and how list items are identified by their list's type. */
final class PathElements {
  private PathElements() {}

  static String field(String name) {
    return "f:" + name;
  }

  /**
   * The element of a list item: {@code k:} with the key fields sorted by name for a map list,
   * {@code v:} with the value for a set, null for an atomic list (its items are not tracked).
   */
  static String item(TypeSchema list, JsonNode item) {
    switch (list.listType()) {
      case "map":
        TreeMap<String, JsonNode> keys = new TreeMap<>();
        for (String key : list.mapKeys()) {
          if (item.has(key)) {
            keys.put(key, item.get(key));
          }
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        keys.forEach(json::set);
        return "k:" + text(json);
      case "set":
        return "v:" + text(item);
      default:
        return null;
    }
  }

  /** A path as upstream's conflict messages print it: {@code .spec.replicas}. */
  static String display(List<String> path) {
    StringBuilder text = new StringBuilder();
    for (String element : path) {
      String body = element.substring(2);
      switch (element.charAt(0)) {
        case 'f':
          text.append('.').append(body);
          break;
        case 'k':
          text.append('[').append(keyText(body)).append(']');
          break;
        case 'v':
          text.append("[=").append(body).append(']');
          break;
        default:
          text.append('[').append(body).append(']');
      }
    }
    return text.toString();
  }

  /** {@code {"name":"a","port":80}} as upstream prints a key: {@code name="a",port=80}. */
  private static String keyText(String json) {
    JsonNode keys = Json.tree(json.getBytes(StandardCharsets.UTF_8));
    StringBuilder text = new StringBuilder();
    keys.fields()
        .forEachRemaining(
            key ->
                text.append(text.length() == 0 ? "" : ",")
                    .append(key.getKey())
                    .append('=')
                    .append(text(key.getValue())));
    return text.toString();
  }

  private static String text(JsonNode node) {
    return new String(Json.bytes(node), StandardCharsets.UTF_8);
  }
}
