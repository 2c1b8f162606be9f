package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.List;

/** JSON fixtures written with single quotes, and kinds to apply them to. */
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

  /** A custom kind {@code example.com/v1 Widget} with a status subresource and this schema. */
  static ResourceType widgets(String schema) {
    return new ResourceType(
        "example.com",
        "v1",
        "Widget",
        "widgets",
        "widget",
        true,
        List.of(),
        List.of(),
        ResourceType.VERBS,
        List.of("status"),
        new ResourceType.CustomResource("widgets.example.com", json(schema), null, null, true));
  }
}
