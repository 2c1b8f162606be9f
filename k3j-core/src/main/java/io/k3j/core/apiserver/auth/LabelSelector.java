package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Matching of a {@code metav1.LabelSelector} (matchLabels and matchExpressions) against labels. */
final class LabelSelector {
  private LabelSelector() {}

  /** An empty selector selects everything, as upstream. */
  static boolean matches(JsonNode selector, JsonNode labels) {
    Iterator<Map.Entry<String, JsonNode>> required = selector.path("matchLabels").fields();
    while (required.hasNext()) {
      Map.Entry<String, JsonNode> label = required.next();
      if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      JsonNode label = labels.get(expression.path("key").asText());
      Set<String> values = new HashSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean ok =
          switch (expression.path("operator").asText()) {
            case "In" -> label != null && values.contains(label.asText());
            case "NotIn" -> label == null || !values.contains(label.asText());
            case "Exists" -> label != null;
            case "DoesNotExist" -> label == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
