package io.k3j.telemetry.internal.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Stored protobuf to OTLP/JSON for {@code http/json} destinations (OTLP spec, "JSON Protobuf
 * Encoding"): lowerCamelCase keys, enums as integers, and trace and span ids as hex instead of the
 * proto3 mapping's base64.
 */
public final class OtlpJsonWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> HEX_ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace();

  private OtlpJsonWriter() {}

  /** The JSON body for a stored request; the bytes were validated when they were received. */
  public static byte[] toJson(Signal signal, byte[] protobuf) {
    try {
      JsonNode tree = MAPPER.readTree(PRINTER.print(OtlpRequests.parseProtobuf(signal, protobuf)));
      hexIds(tree);
      return MAPPER.writeValueAsBytes(tree);
    } catch (InvalidOtlpException | InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored " + signal.tag() + " request does not decode", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void hexIds(JsonNode node) {
    if (node.isArray()) {
      node.forEach(OtlpJsonWriter::hexIds);
    } else if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (HEX_ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          byte[] id = Base64.getDecoder().decode(field.getValue().asText());
          field.setValue(object.textNode(HexFormat.of().formatHex(id)));
        } else {
          hexIds(field.getValue());
        }
      }
    }
  }
}
