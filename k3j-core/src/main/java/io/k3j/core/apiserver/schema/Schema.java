package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One node of an {@code openAPIV3Schema}, parsed once. Absent keywords are {@code null} (or empty
 * collections); the raw JSON stays available for structural checks.
 */
final class Schema {
  final String type;
  final boolean nullable;
  final Map<String, Schema> properties = new LinkedHashMap<>();
  final Schema additionalProperties;
  final List<String> required = new ArrayList<>();
  final JsonNode enumValues;
  final String pattern;
  final Pattern compiledPattern;
  final BigDecimal minimum;
  final BigDecimal maximum;
  final boolean exclusiveMinimum;
  final boolean exclusiveMaximum;
  final BigDecimal multipleOf;
  final Long minLength;
  final Long maxLength;
  final Long minItems;
  final Long maxItems;
  final Long minProperties;
  final Long maxProperties;
  final String format;
  final Schema items;
  final boolean intOrString;
  final boolean embeddedResource;
  final boolean preserveUnknownFields;
  final String listType;
  final List<String> listMapKeys = new ArrayList<>();
  final JsonNode defaultValue;
  final List<Schema> allOf;
  final List<Schema> anyOf;
  final List<Schema> oneOf;
  final Schema not;

  /** Parses a schema node; a pattern that is not a valid regular expression is rejected. */
  Schema(JsonNode json) {
    type = text(json, "type");
    nullable = json.path("nullable").asBoolean(false);
    json.path("properties")
        .fields()
        .forEachRemaining(e -> properties.put(e.getKey(), new Schema(e.getValue())));
    JsonNode additional = json.path("additionalProperties");
    additionalProperties = additional.isObject() ? new Schema(additional) : null;
    json.path("required").forEach(r -> required.add(r.asText()));
    enumValues = json.has("enum") ? json.get("enum") : null;
    pattern = text(json, "pattern");
    compiledPattern = pattern == null ? null : compile(pattern);
    minimum = decimal(json, "minimum");
    maximum = decimal(json, "maximum");
    exclusiveMinimum = json.path("exclusiveMinimum").asBoolean(false);
    exclusiveMaximum = json.path("exclusiveMaximum").asBoolean(false);
    multipleOf = decimal(json, "multipleOf");
    minLength = count(json, "minLength");
    maxLength = count(json, "maxLength");
    minItems = count(json, "minItems");
    maxItems = count(json, "maxItems");
    minProperties = count(json, "minProperties");
    maxProperties = count(json, "maxProperties");
    format = text(json, "format");
    items = json.path("items").isObject() ? new Schema(json.get("items")) : null;
    intOrString = json.path("x-kubernetes-int-or-string").asBoolean(false);
    embeddedResource = json.path("x-kubernetes-embedded-resource").asBoolean(false);
    preserveUnknownFields =
        json.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
            || additional.asBoolean(false);
    listType = text(json, "x-kubernetes-list-type");
    json.path("x-kubernetes-list-map-keys").forEach(k -> listMapKeys.add(k.asText()));
    defaultValue = json.get("default");
    allOf = list(json, "allOf");
    anyOf = list(json, "anyOf");
    oneOf = list(json, "oneOf");
    not = json.path("not").isObject() ? new Schema(json.get("not")) : null;
  }

  /** The schema of a property or map value, or {@code null} when the field is unknown. */
  Schema field(String name) {
    Schema property = properties.get(name);
    return property != null ? property : additionalProperties;
  }

  static Pattern compile(String pattern) {
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid pattern " + pattern + ": " + e.getDescription(), e);
    }
  }

  private static String text(JsonNode json, String key) {
    JsonNode value = json.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static BigDecimal decimal(JsonNode json, String key) {
    JsonNode value = json.get(key);
    return value != null && value.isNumber() ? value.decimalValue() : null;
  }

  private static Long count(JsonNode json, String key) {
    JsonNode value = json.get(key);
    return value != null && value.isNumber() ? value.asLong() : null;
  }

  private static List<Schema> list(JsonNode json, String key) {
    List<Schema> schemas = new ArrayList<>();
    json.path(key).forEach(s -> schemas.add(new Schema(s)));
    return schemas;
  }
}
