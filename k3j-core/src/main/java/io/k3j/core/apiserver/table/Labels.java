package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label maps and label selectors as text, the way kubectl's wide columns show them: {@code
 * app=web,tier=edge} and {@code app=web,env in (prod,stage),!canary}, sorted by key.
 */
final class Labels {
  static final String NONE = "<none>";

  private Labels() {}

  /** {@code k=v,...} sorted by key, or {@code <none>} for an empty or missing map. */
  static String format(JsonNode labels) {
    Map<String, String> sorted = new TreeMap<>();
    labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    if (sorted.isEmpty()) {
      return NONE;
    }
    List<String> pairs = new ArrayList<>();
    sorted.forEach((key, value) -> pairs.add(key + "=" + value));
    return String.join(",", pairs);
  }

  /**
   * A {@code LabelSelector} as text: {@code <none>} when it selects everything or is missing, and
   * {@code <error>} when an expression has an unknown operator.
   */
  static String selector(JsonNode selector) {
    String text = selectorText(selector);
    if (text == null) {
      return "<error>";
    }
    return text.isEmpty() ? NONE : text;
  }

  /** The selector's requirements joined, "" when there are none, null when one is invalid. */
  static String selectorText(JsonNode selector) {
    List<Requirement> requirements = new ArrayList<>();
    selector
        .path("matchLabels")
        .fields()
        .forEachRemaining(
            e ->
                requirements.add(
                    new Requirement(e.getKey(), e.getKey() + "=" + e.getValue().asText())));
    for (JsonNode expression : selector.path("matchExpressions")) {
      String requirement = expression(expression);
      if (requirement == null) {
        return null;
      }
      requirements.add(new Requirement(expression.path("key").asText(), requirement));
    }
    requirements.sort(Comparator.comparing(Requirement::key));
    return String.join(",", requirements.stream().map(Requirement::text).toList());
  }

  /** One requirement of a selector, as text, and the key it sorts by. */
  private record Requirement(String key, String text) {}

  private static String expression(JsonNode expression) {
    String key = expression.path("key").asText();
    List<String> values = new ArrayList<>();
    expression.path("values").forEach(v -> values.add(v.asText()));
    values.sort(null);
    switch (expression.path("operator").asText()) {
      case "In":
        return key + " in (" + String.join(",", values) + ")";
      case "NotIn":
        return key + " notin (" + String.join(",", values) + ")";
      case "Exists":
        return key;
      case "DoesNotExist":
        return "!" + key;
      default:
        return null;
    }
  }
}
