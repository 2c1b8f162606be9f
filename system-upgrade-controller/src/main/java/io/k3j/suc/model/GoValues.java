package io.k3j.suc.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints generic JSON values the way upstream's digest annotation does: wrangler's {@code ToString}
 * (nil is empty, a list is its first element) over Go's {@code fmt.Sprint} (maps as {@code map[k:v
 * ...]} with sorted keys, lists as {@code [a b]}, numbers as their JSON text).
 */
final class GoValues {
  private GoValues() {}

  /** wrangler's ToString of the value at a digest path; null (missing) is "". */
  static String digestValue(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (value.isArray()) {
      return value.isEmpty() ? "" : digestValue(value.get(0));
    }
    return sprint(value).trim();
  }

  private static String sprint(JsonNode value) {
    if (value == null || value.isNull()) {
      return "<nil>";
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(sprint(item)));
      return "[" + String.join(" ", items) + "]";
    }
    if (value.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      value.properties().forEach(e -> sorted.put(e.getKey(), sprint(e.getValue())));
      List<String> entries = new ArrayList<>();
      sorted.forEach((k, v) -> entries.add(k + ":" + v));
      return "map[" + String.join(" ", entries) + "]";
    }
    return value.asText();
  }
}
