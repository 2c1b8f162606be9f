package io.k3j.core.apiserver.disruption;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An IntOrString budget value scaled against a total, rounding a percentage up (apimachinery's
 * {@code GetScaledValueFromIntOrPercent} with {@code roundUp=true}).
 */
final class IntOrPercent {
  private IntOrPercent() {}

  static boolean isPercent(JsonNode value) {
    return value.isTextual();
  }

  /** The value, or its share of {@code total} for "N%"; rejects other strings. */
  static int scaled(JsonNode value, int total) {
    if (!value.isTextual()) {
      return value.asInt();
    }
    String text = value.asText();
    if (!text.endsWith("%")) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: invalid value \"" + text + "\"");
    }
    int percent;
    try {
      percent = Integer.parseInt(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value \"" + text + "\": " + e.getMessage());
    }
    return (int) Math.ceil(percent * (double) total / 100.0);
  }
}
