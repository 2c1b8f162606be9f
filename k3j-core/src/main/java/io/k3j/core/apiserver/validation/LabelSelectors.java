package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks a {@code LabelSelector} as upstream does and tells whether it selects a label set. */
final class LabelSelectors {
  private LabelSelectors() {}

  static void validate(JsonNode selector, String path, FieldErrors errors) {
    MetadataValidation.labels(
        selector.path("matchLabels"), FieldPath.child(path, "matchLabels"), errors);
    JsonNode expressions = selector.path("matchExpressions");
    for (int i = 0; i < expressions.size(); i++) {
      JsonNode expression = expressions.get(i);
      String at = FieldPath.index(FieldPath.child(path, "matchExpressions"), i);
      String operator = expression.path("operator").asText("");
      int values = expression.path("values").size();
      switch (operator) {
        case "In", "NotIn" -> {
          if (values == 0) {
            errors.required(
                FieldPath.child(at, "values"),
                "must be specified when `operator` is 'In' or 'NotIn'");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (values > 0) {
            errors.forbidden(
                FieldPath.child(at, "values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
          }
        }
        default ->
            errors.invalid(
                FieldPath.child(at, "operator"), operator, "not a valid selector operator");
      }
      String key = expression.path("key").asText("");
      errors.invalidEach(FieldPath.child(at, "key"), key, Names.qualifiedName(key));
    }
  }

  static boolean isEmpty(JsonNode selector) {
    return selector.path("matchLabels").size() + selector.path("matchExpressions").size() == 0;
  }
}
