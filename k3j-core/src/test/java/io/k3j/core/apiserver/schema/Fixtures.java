package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Json;

/** JSON fixtures written with single quotes for readability. */
final class Fixtures {
  private Fixtures() {}

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad fixture: " + text, e);
    }
  }

  static ObjectNode object(String text) {
    return (ObjectNode) json(text);
  }

  static StructuralSchema schema(String text) {
    return StructuralSchema.of(json(text));
  }
}
