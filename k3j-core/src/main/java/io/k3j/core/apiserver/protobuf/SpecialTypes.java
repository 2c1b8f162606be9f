package io.k3j.core.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;

/**
 * The apimachinery types whose JSON is not an object of their fields: times, durations, quantities,
 * int-or-string, embedded raw JSON, and string lists wrapped in a message.
 */
final class SpecialTypes {
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** The instants Go's RFC 3339 JSON can write: years 0001 to 9999. */
  private static final long FIRST_SECOND = -62135596800L;

  private static final long LAST_SECOND = 253402300799L;

  private static final Map<String, Function<Message, JsonNode>> CONVERTERS =
      Map.ofEntries(
          Map.entry(META + "Time", m -> time(m, SECONDS)),
          Map.entry(META + "MicroTime", m -> time(m, MICROS)),
          Map.entry(
              META + "Duration",
              m -> MessageJson.OBJECTS.textNode(GoDuration.format(longField(m, "duration")))),
          Map.entry(META + "FieldsV1", m -> rawJson(m, "Raw")),
          Map.entry(META + "Verbs", SpecialTypes::items),
          Map.entry("k8s.io.apimachinery.pkg.runtime.RawExtension", m -> rawJson(m, "raw")),
          Map.entry("k8s.io.apimachinery.pkg.api.resource.Quantity", SpecialTypes::quantity),
          Map.entry("k8s.io.apimachinery.pkg.api.resource.QuantityValue", SpecialTypes::quantity),
          Map.entry("k8s.io.apimachinery.pkg.util.intstr.IntOrString", SpecialTypes::intOrString),
          Map.entry("k8s.io.api.authentication.v1.ExtraValue", SpecialTypes::items),
          Map.entry("k8s.io.api.authorization.v1.ExtraValue", SpecialTypes::items),
          Map.entry("k8s.io.api.certificates.v1.ExtraValue", SpecialTypes::items));

  private SpecialTypes() {}

  /** The JSON of a message of a special type, or {@code null} for an ordinary message. */
  static JsonNode convert(Message message) {
    Function<Message, JsonNode> converter =
        CONVERTERS.get(message.getDescriptorForType().getFullName());
    return converter == null ? null : converter.apply(message);
  }

  /**
   * {@code meta/v1 Time} (whole seconds; Go drops the nanoseconds when it reads one) or {@code
   * MicroTime}; Go writes an empty message for the zero time, whose JSON is {@code null}.
   */
  private static JsonNode time(Message message, DateTimeFormatter format) {
    FieldDescriptor seconds = message.getDescriptorForType().findFieldByName("seconds");
    if (!message.hasField(seconds)) {
      return MessageJson.OBJECTS.nullNode();
    }
    long epochSecond = (Long) message.getField(seconds);
    if (epochSecond < FIRST_SECOND || epochSecond > LAST_SECOND) {
      throw ApiException.badRequest(
          "the protobuf body holds a time outside years 1 to 9999: " + epochSecond + " s");
    }
    long nanos = format == MICROS ? intField(message, "nanos") : 0;
    return MessageJson.OBJECTS.textNode(format.format(Instant.ofEpochSecond(epochSecond, nanos)));
  }

  private static JsonNode quantity(Message message) {
    String value = (String) field(message, "string");
    return MessageJson.OBJECTS.textNode(value.isEmpty() ? "0" : value);
  }

  /** Type 0 is an int, type 1 a string (apimachinery util/intstr). */
  private static JsonNode intOrString(Message message) {
    return longField(message, "type") == 1
        ? MessageJson.OBJECTS.textNode((String) field(message, "strVal"))
        : MessageJson.OBJECTS.numberNode(intField(message, "intVal"));
  }

  /** Embedded JSON, or an embedded protobuf object with its own envelope; empty is null. */
  private static JsonNode rawJson(Message message, String name) {
    byte[] raw = ((ByteString) field(message, name)).toByteArray();
    if (raw.length == 0) {
      return MessageJson.OBJECTS.nullNode();
    }
    if (Envelope.hasMagic(raw)) {
      return ProtobufBody.decode(raw);
    }
    try {
      return Json.MAPPER.readTree(raw);
    } catch (IOException e) {
      throw ApiException.badRequest(
          "the protobuf body embeds invalid JSON in a "
              + message.getDescriptorForType().getName()
              + ": "
              + e.getMessage());
    }
  }

  /** A Go string slice type ({@code type Verbs []string}) is a message of one repeated field. */
  private static JsonNode items(Message message) {
    FieldDescriptor items = message.getDescriptorForType().findFieldByName("items");
    ArrayNode array = MessageJson.OBJECTS.arrayNode();
    for (int i = 0; i < message.getRepeatedFieldCount(items); i++) {
      array.add((String) message.getRepeatedField(items, i));
    }
    return array;
  }

  private static Object field(Message message, String name) {
    return message.getField(message.getDescriptorForType().findFieldByName(name));
  }

  private static long longField(Message message, String name) {
    return (Long) field(message, name);
  }

  private static int intField(Message message, String name) {
    return (Integer) field(message, name);
  }
}
