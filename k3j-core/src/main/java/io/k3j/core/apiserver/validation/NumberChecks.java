package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Upstream's checks of counts and int-or-percent values. */
final class NumberChecks {
  static final String NEGATIVE = "must be greater than or equal to 0";

  private NumberChecks() {}

  /** {@code field} of {@code parent}, when present, must be ≥ 0. */
  static void nonNegative(JsonNode parent, String field, String path, FieldErrors errors) {
    JsonNode value = parent.path(field);
    if (value.isNumber() && value.asLong() < 0) {
      errors.invalid(FieldPath.child(path, field), value.asLong(), NEGATIVE);
    }
  }

  /** A count, or a percentage string like {@code 25%}. */
  static void positiveIntOrPercent(JsonNode value, String path, FieldErrors errors) {
    if (value.isTextual()) {
      errors.invalidEach(path, GoLiteral.intOrString(value), Names.percent(value.asText()));
    } else if (value.asLong() < 0) {
      errors.invalid(path, value.asLong(), NEGATIVE);
    }
  }

  static void notMoreThan100Percent(JsonNode value, String path, FieldErrors errors) {
    if (value.isTextual() && percentValue(value) > 100) {
      errors.invalid(path, GoLiteral.intOrString(value), "must not be greater than 100%");
    }
  }

  /** The number of a valid percentage, the count itself otherwise. */
  static long intOrPercentValue(JsonNode value) {
    return value.isTextual() ? percentValue(value) : value.asLong();
  }

  private static long percentValue(JsonNode value) {
    String text = value.asText();
    if (!Names.percent(text).isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
