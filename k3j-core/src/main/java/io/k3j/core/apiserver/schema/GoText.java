package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Renders values the way upstream's Go messages print them: strings quoted, numbers as Go's {@code
 * %v}, null as {@code "null"}, objects and arrays as JSON.
 */
final class GoText {
  private GoText() {}

  /** A field error's bad value, as {@code field.Error.ErrorBody} prints it. */
  static String value(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return quote("null");
    }
    if (value.isTextual()) {
      return quote(value.textValue());
    }
    if (value.isIntegralNumber() || value.isBoolean()) {
      return value.asText();
    }
    if (value.isNumber()) {
      return number(value.doubleValue());
    }
    return new String(Json.bytes(value), StandardCharsets.UTF_8);
  }

  /** A string as Go's {@code %q}: double quotes, backslash escapes. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * A float64 as Go's {@code %v}: the shortest digits, in exponent form when the decimal exponent
   * is below -4 or at least 6 (e.g. {@code 1.5}, {@code 100}, {@code 1e+06}).
   */
  static String number(double value) {
    if (value == 0) {
      return "0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = decimal.precision() - decimal.scale() - 1;
    if (exponent >= -4 && exponent < 6) {
      return decimal.toPlainString();
    }
    String digits = decimal.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (value < 0 ? "-" : "")
        + mantissa
        + "e"
        + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }
}
