package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bad value upstream prints with Go's {@code %#v} (maps, selectors, int-or-string), rendered from
 * the JSON the client sent so messages read as a real cluster's.
 */
record GoLiteral(String text) {

  @Override
  public String toString() {
    return text;
  }

  /** {@code map[string]string{"a":"b"}}, keys sorted; a missing map prints as nil. */
  static GoLiteral stringMap(JsonNode map) {
    return new GoLiteral(mapText(map));
  }

  /** {@code v1.LabelSelector{MatchLabels:..., MatchExpressions:...}}. */
  static GoLiteral selector(JsonNode selector) {
    JsonNode expressions = selector.path("matchExpressions");
    String expressionText;
    if (!expressions.isArray()) {
      expressionText = "[]v1.LabelSelectorRequirement(nil)";
    } else {
      List<String> items = new ArrayList<>();
      for (JsonNode e : expressions) {
        items.add(
            "v1.LabelSelectorRequirement{Key:"
                + FieldErrors.quote(e.path("key").asText(""))
                + ", Operator:"
                + FieldErrors.quote(e.path("operator").asText(""))
                + ", Values:"
                + stringSlice(e.path("values"))
                + "}");
      }
      expressionText = "[]v1.LabelSelectorRequirement{" + String.join(", ", items) + "}";
    }
    return new GoLiteral(
        "v1.LabelSelector{MatchLabels:"
            + mapText(selector.path("matchLabels"))
            + ", MatchExpressions:"
            + expressionText
            + "}");
  }

  /** {@code intstr.IntOrString{Type:1, IntVal:0, StrVal:"30%"}}. */
  static GoLiteral intOrString(JsonNode value) {
    if (value.isTextual()) {
      return new GoLiteral(
          "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + FieldErrors.quote(value.asText()) + "}");
    }
    return new GoLiteral("intstr.IntOrString{Type:0, IntVal:" + value.asLong() + ", StrVal:\"\"}");
  }

  /** {@code []string{"a", "b"}}; a missing list prints as nil. */
  static GoLiteral strings(JsonNode list) {
    return new GoLiteral(stringSlice(list));
  }

  private static String stringSlice(JsonNode list) {
    if (!list.isArray()) {
      return "[]string(nil)";
    }
    List<String> items = new ArrayList<>();
    list.forEach(item -> items.add(FieldErrors.quote(item.asText())));
    return "[]string{" + String.join(", ", items) + "}";
  }

  private static String mapText(JsonNode map) {
    if (!map.isObject()) {
      return "map[string]string(nil)";
    }
    Map<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> entries = new ArrayList<>();
    sorted.forEach((k, v) -> entries.add(FieldErrors.quote(k) + ":" + FieldErrors.quote(v)));
    return "map[string]string{" + String.join(", ", entries) + "}";
  }
}
