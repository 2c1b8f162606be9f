package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a value against a {@link Schema} the way kube-openapi's validator does for custom
 * resources, with the messages apiextensions-apiserver turns its results into.
 */
final class SchemaValidator {
  private final List<Cause> causes = new ArrayList<>();

  static List<Cause> validate(Schema schema, JsonNode value) {
    SchemaValidator validator = new SchemaValidator();
    validator.value(schema, value, "");
    return validator.causes;
  }

  private void value(Schema schema, JsonNode value, String path) {
    if (!checkType(schema, value, path)) {
      return;
    }
    composition(schema, value, path);
    if (value.isTextual()) {
      StringChecks.check(schema, value, path, causes);
    } else if (value.isNumber()) {
      NumberChecks.check(schema, value, path, causes);
    }
    if (schema.enumValues != null && !enumContains(schema.enumValues, value)) {
      List<String> supported = new ArrayList<>();
      schema.enumValues.forEach(v -> supported.add(enumText(v)));
      causes.add(FieldErrors.notSupported(path, value, supported));
    }
    if (value.isArray()) {
      array(schema, value, path);
    } else if (value.isObject()) {
      object(schema, value, path);
    }
  }

  /** Reports a type mismatch; answers whether the remaining checks apply to the value. */
  private boolean checkType(Schema schema, JsonNode value, String path) {
    if (value.isNull() && (schema.nullable || schema.type == null && !schema.intOrString)) {
      return false;
    }
    String observed = typeOf(value);
    String expected = schema.intOrString ? "integer,string" : schema.type;
    boolean matches =
        expected == null
            || schema.intOrString && (observed.equals("integer") || observed.equals("string"))
            || expected.equals(observed)
            || expected.equals("number") && observed.equals("integer");
    if (!matches) {
      causes.add(
          FieldErrors.typeInvalid(
              path,
              observed,
              Paths.name(path)
                  + " in body must be of type "
                  + expected
                  + ": "
                  + GoText.quote(observed)));
    }
    return matches;
  }

  private void composition(Schema schema, JsonNode value, String path) {
    for (Schema each : schema.allOf) {
      value(each, value, path);
    }
    if (!schema.anyOf.isEmpty()) {
      List<List<Cause>> results = schema.anyOf.stream().map(s -> nested(s, value, path)).toList();
      if (results.stream().noneMatch(List::isEmpty)) {
        causes.add(composite(path, "must validate at least one schema (anyOf)"));
        results.forEach(causes::addAll);
      }
    }
    if (!schema.oneOf.isEmpty()) {
      List<List<Cause>> results = schema.oneOf.stream().map(s -> nested(s, value, path)).toList();
      long passed = results.stream().filter(List::isEmpty).count();
      if (passed != 1) {
        causes.add(composite(path, "must validate one and only one schema (oneOf)"));
        if (passed == 0) {
          results.forEach(causes::addAll);
        }
      }
    }
    if (schema.not != null && nested(schema.not, value, path).isEmpty()) {
      causes.add(composite(path, "must not validate the schema (not)"));
    }
  }

  private static List<Cause> nested(Schema schema, JsonNode value, String path) {
    SchemaValidator validator = new SchemaValidator();
    validator.value(schema, value, path);
    return validator.causes;
  }

  private static Cause composite(String path, String detail) {
    return FieldErrors.invalid(path, "", GoText.quote(Paths.name(path)) + " " + detail);
  }

  private void array(Schema schema, JsonNode value, String path) {
    int size = value.size();
    if (schema.maxItems != null && size > schema.maxItems) {
      causes.add(FieldErrors.tooMany(path, size, schema.maxItems));
    }
    if (schema.minItems != null && size < schema.minItems) {
      causes.add(
          FieldErrors.invalid(
              path,
              value,
              Paths.name(path) + " in body should have at least " + schema.minItems + " items"));
    }
    causes.addAll(ListTypes.check(schema, value, path));
    if (schema.items != null) {
      for (int i = 0; i < size; i++) {
        value(schema.items, value.get(i), Paths.index(path, i));
      }
    }
  }

  private void object(Schema schema, JsonNode value, String path) {
    int size = value.size();
    if (schema.maxProperties != null && size > schema.maxProperties) {
      causes.add(FieldErrors.tooMany(path, size, schema.maxProperties));
    }
    if (schema.minProperties != null && size < schema.minProperties) {
      causes.add(
          FieldErrors.invalid(
              path,
              value,
              Paths.name(path)
                  + " in body should have at least "
                  + schema.minProperties
                  + " properties"));
    }
    for (String name : schema.required) {
      if (!value.has(name)) {
        causes.add(FieldErrors.required(Paths.child(path, name), ""));
      }
    }
    if (schema.embeddedResource) {
      causes.addAll(EmbeddedResources.check(value, path));
    }
    value
        .fields()
        .forEachRemaining(
            e -> {
              Schema field = schema.field(e.getKey());
              if (field != null) {
                value(field, e.getValue(), Paths.child(path, e.getKey()));
              }
            });
  }

  /** The JSON type name upstream reports for a value. */
  static String typeOf(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT, POJO -> "object";
      case ARRAY -> "array";
      case STRING, BINARY -> "string";
      case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
      case BOOLEAN -> "boolean";
      default -> "null";
    };
  }

  private static boolean enumContains(JsonNode enumValues, JsonNode value) {
    for (JsonNode allowed : enumValues) {
      if (sameValue(allowed, value)) {
        return true;
      }
    }
    return false;
  }

  /** JSON equality in which {@code 1} and {@code 1.0} are the same number. */
  static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static String enumText(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber() && !value.isIntegralNumber()) {
      return GoText.number(value.doubleValue());
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
