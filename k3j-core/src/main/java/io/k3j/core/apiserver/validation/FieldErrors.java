package io.k3j.core.apiserver.validation;

import io.k3j.core.apiserver.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects field errors with upstream's reasons and message bodies ({@code field.Error.ErrorBody}
 * in k8s.io/apimachinery/pkg/util/validation/field): the type text, the bad value printed as Go
 * would ({@code %q} for strings, {@code %v} for numbers, {@link GoLiteral} for structs) and the
 * detail.
 */
final class FieldErrors {
  private final List<ApiException.Cause> causes = new ArrayList<>();

  List<ApiException.Cause> causes() {
    return List.copyOf(causes);
  }

  void required(String field, String detail) {
    add("FieldValueRequired", "Required value", field, detail);
  }

  void forbidden(String field, String detail) {
    add("FieldValueForbidden", "Forbidden", field, detail);
  }

  void tooLong(String field, int maxBytes) {
    add("FieldValueTooLong", "Too long", field, "may not be more than " + maxBytes + " bytes");
  }

  void invalid(String field, Object value, String detail) {
    add("FieldValueInvalid", "Invalid value: " + render(value), field, detail);
  }

  /** One Invalid error per message, as upstream does for the checks in {@link Names}. */
  void invalidEach(String field, Object value, List<String> messages) {
    messages.forEach(message -> invalid(field, value, message));
  }

  void notSupported(String field, Object value, List<String> supported) {
    String detail = supported.stream().map(FieldErrors::quote).collect(Collectors.joining(", "));
    add(
        "FieldValueNotSupported",
        "Unsupported value: " + render(value),
        field,
        "supported values: " + detail);
  }

  void duplicate(String field, Object value) {
    add("FieldValueDuplicate", "Duplicate value: " + render(value), field, "");
  }

  void notFound(String field, Object value) {
    add("FieldValueNotFound", "Not found: " + render(value), field, "");
  }

  private void add(String reason, String body, String field, String detail) {
    causes.add(
        new ApiException.Cause(reason, detail.isEmpty() ? body : body + ": " + detail, field));
  }

  private static String render(Object value) {
    if (value == null) {
      return "\"null\"";
    }
    if (value instanceof String text) {
      return quote(text);
    }
    return value.toString();
  }

  /** Go's {@code %q}: double quotes, with quotes, backslashes and control characters escaped. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
