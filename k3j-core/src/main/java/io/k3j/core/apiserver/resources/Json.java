package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.k3j.core.apiserver.ApiException;
import java.io.IOException;

/** Reading and writing API objects as JSON trees. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** {@link #MAPPER}'s reader that also fails on a key given twice in one object. */
  private static final ObjectReader UNIQUE_KEYS =
      MAPPER.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private Json() {}

  /** Parses a request body that must be one JSON object; anything else is a 400. */
  public static ObjectNode object(byte[] body) {
    JsonNode node = tree(body);
    if (!node.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * The body as {@link #object} parses it when it is one JSON object with no key given twice in any
   * object, else null (the caller then parses it with {@link #object}, which reports a syntax
   * error, and looks for the duplicates). One parse answers both questions for the usual body.
   */
  public static ObjectNode objectWithUniqueKeys(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = UNIQUE_KEYS.readTree(body);
      return node != null && node.isObject() ? (ObjectNode) node : null;
    } catch (IOException e) {
      return null;
    }
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
