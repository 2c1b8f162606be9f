package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.k3j.core.apiserver.ApiException;
import java.io.IOException;

/** Reading and writing API objects as JSON trees. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Json() {}

  /** Parses a request body that must be one JSON object; anything else is a 400. */
  public static ObjectNode object(byte[] body) {
    JsonNode node = tree(body);
    if (!node.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Parses a YAML request body that must be one mapping; anything else is a 400. */
  public static ObjectNode yamlObject(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("the request body is empty");
    }
    JsonNode node;
    try {
      node = YAML.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("the request body is not valid YAML: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("the request body must be a YAML mapping");
    }
    return (ObjectNode) node;
  }

  public static JsonNode tree(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("the request body is empty");
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("the request body cannot be read: " + e.getMessage());
    }
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
