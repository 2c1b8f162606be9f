package io.k3j.telemetry.internal.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * OTLP/JSON to protobuf. OTLP deviates from the proto3 JSON mapping (OTLP spec, "JSON Protobuf
 * Encoding"): trace and span ids are hex, not base64, so they are rewritten before the standard
 * parser runs; enums as integers, 64-bit integers as strings and unknown fields are accepted.
 */
final class OtlpJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> HEX_ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private OtlpJson() {}

  static void merge(byte[] json, Message.Builder builder) throws InvalidOtlpException {
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (tree == null || !tree.isObject()) {
        throw new InvalidOtlpException("request body is not a JSON object", null);
      }
      rewriteHexIds(tree);
      PARSER.merge(MAPPER.writeValueAsString(tree), builder);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidOtlpException("invalid OTLP/JSON: " + e.getMessage(), e);
    }
  }

  private static void rewriteHexIds(JsonNode node) {
    if (node.isArray()) {
      node.forEach(OtlpJson::rewriteHexIds);
    } else if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (HEX_ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          byte[] id = HexFormat.of().parseHex(field.getValue().asText());
          field.setValue(object.textNode(Base64.getEncoder().encodeToString(id)));
        } else {
          rewriteHexIds(field.getValue());
        }
      }
    }
  }
}
