package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ResourceType;
import java.io.UncheckedIOException;
import java.util.List;

/** Builds objects from compact JSON (single quotes allowed) and runs defaults + validation. */
final class Fixtures {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
          .enable(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES);

  private Fixtures() {}

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResourceType type(String group, String kind) {
    return BuiltinResources.all().stream()
        .filter(t -> t.group().equals(group) && t.kind().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  /** Defaults then validates, as the write path does on create. */
  static List<ApiException.Cause> create(String group, String kind, String object) {
    ResourceType type = type(group, kind);
    ObjectNode node = json(object);
    BuiltinDefaults.apply(type, node);
    return BuiltinValidation.validate(type, node, null);
  }

  /** Defaults both versions then validates {@code object} as an update of {@code old}. */
  static List<ApiException.Cause> update(String group, String kind, String old, String object) {
    ResourceType type = type(group, kind);
    ObjectNode oldNode = json(old);
    ObjectNode node = json(object);
    BuiltinDefaults.apply(type, oldNode);
    BuiltinDefaults.apply(type, node);
    return BuiltinValidation.validate(type, node, oldNode);
  }

  static ApiException.Cause cause(String reason, String message, String field) {
    return new ApiException.Cause(reason, message, field);
  }

  static ApiException.Cause required(String field) {
    return cause("FieldValueRequired", "Required value", field);
  }

  /** A pod spec with one valid container, merged into {@code extra} fields. */
  static String podSpec(String containerExtra, String specExtra) {
    return "{containers:[{name:'app',image:'nginx:1.27'" + containerExtra + "}]" + specExtra + "}";
  }
}
