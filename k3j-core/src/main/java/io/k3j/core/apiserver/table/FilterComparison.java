package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;

/** The comparison inside a JSONPath filter: {@code @.path OP literal}. */
final class FilterComparison {
  private static final String[] OPERATORS = {"==", "!=", "<=", ">=", "<", ">"};

  private FilterComparison() {}

  /** {@code [left]} for an existence test, else {@code [left, operator, right]}. */
  static String[] split(String condition) {
    char quote = 0;
    for (int i = 0; i < condition.length(); i++) {
      char c = condition.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        continue;
      }
      for (String operator : OPERATORS) {
        if (condition.startsWith(operator, i)) {
          return new String[] {
            condition.substring(0, i).strip(),
            operator,
            condition.substring(i + operator.length()).strip()
          };
        }
      }
    }
    return new String[] {condition.strip()};
  }

  static boolean isQuoted(String text) {
    return text.length() >= 2
        && (text.charAt(0) == '\'' || text.charAt(0) == '"')
        && text.charAt(text.length() - 1) == text.charAt(0);
  }

  /** A quoted string, a number, true or false. */
  static JsonNode literal(String text) {
    if (isQuoted(text)) {
      return TextNode.valueOf(text.substring(1, text.length() - 1));
    }
    if (text.equals("true") || text.equals("false")) {
      return BooleanNode.valueOf(Boolean.parseBoolean(text));
    }
    try {
      return DecimalNode.valueOf(new BigDecimal(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid JSONPath filter value: " + text, e);
    }
  }

  /** Numbers compare as numbers, strings as strings; values of different types only differ. */
  static boolean holds(JsonNode value, String operator, JsonNode literal) {
    Integer order = compare(value, literal);
    if (order == null) {
      return operator.equals("!=");
    }
    switch (operator) {
      case "==":
        return order == 0;
      case "!=":
        return order != 0;
      case "<":
        return order < 0;
      case ">":
        return order > 0;
      case "<=":
        return order <= 0;
      default:
        return order >= 0;
    }
  }

  private static Integer compare(JsonNode value, JsonNode literal) {
    if (value.isNumber() && literal.isNumber()) {
      return value.decimalValue().compareTo(literal.decimalValue());
    }
    if (value.isTextual() && literal.isTextual()) {
      return value.asText().compareTo(literal.asText());
    }
    if (value.isBoolean() && literal.isBoolean()) {
      return value.asBoolean() == literal.asBoolean() ? 0 : 1;
    }
    return null;
  }
}
