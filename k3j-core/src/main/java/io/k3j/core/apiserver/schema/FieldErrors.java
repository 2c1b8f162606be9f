package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Field errors with the reasons and message bodies of upstream's {@code field.Error} types
 * (k8s.io/apimachinery/pkg/util/validation/field).
 */
final class FieldErrors {
  private FieldErrors() {}

  static Cause invalid(String field, JsonNode value, String detail) {
    return new Cause(
        "FieldValueInvalid", "Invalid value: " + GoText.value(value) + ": " + detail, field);
  }

  static Cause invalid(String field, String value, String detail) {
    return new Cause(
        "FieldValueInvalid", "Invalid value: " + GoText.quote(value) + ": " + detail, field);
  }

  /** A wrong JSON type; upstream reports the observed type name as the value. */
  static Cause typeInvalid(String field, String observed, String detail) {
    return new Cause(
        "FieldValueTypeInvalid", "Invalid value: " + GoText.quote(observed) + ": " + detail, field);
  }

  static Cause required(String field, String detail) {
    return new Cause(
        "FieldValueRequired", "Required value" + (detail.isEmpty() ? "" : ": " + detail), field);
  }

  static Cause notSupported(String field, JsonNode value, List<String> supported) {
    return unsupported(field, GoText.value(value), supported);
  }

  static Cause notSupported(String field, String value, List<String> supported) {
    return unsupported(field, GoText.quote(value), supported);
  }

  private static Cause unsupported(String field, String rendered, List<String> supported) {
    String values = supported.stream().map(GoText::quote).collect(Collectors.joining(", "));
    return new Cause(
        "FieldValueNotSupported",
        "Unsupported value: " + rendered + ": supported values: " + values,
        field);
  }

  static Cause tooLong(String field, long max) {
    return new Cause(
        "FieldValueTooLong",
        "Too long: may not be more than " + max + (max == 1 ? " byte" : " bytes"),
        field);
  }

  static Cause tooMany(String field, int actual, long max) {
    return new Cause(
        "FieldValueTooMany",
        "Too many: " + actual + ": must have at most " + max + (max == 1 ? " item" : " items"),
        field);
  }

  static Cause duplicate(String field, JsonNode value) {
    return new Cause("FieldValueDuplicate", "Duplicate value: " + GoText.value(value), field);
  }

  static Cause forbidden(String field, String detail) {
    return new Cause("FieldValueForbidden", "Forbidden: " + detail, field);
  }
}
