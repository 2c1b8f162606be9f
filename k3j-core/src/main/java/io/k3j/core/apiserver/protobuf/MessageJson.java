package io.k3j.core.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.k3j.core.apiserver.ApiException;
import java.util.Base64;
import java.util.Map;

/**
 * A decoded Kubernetes message as the JSON Kubernetes' Go types write: protobuf field names (they
 * are the JSON names), set fields only, maps as objects, bytes as base64, and the apimachinery
 * types with their own JSON form ({@link SpecialTypes}).
 *
 * <p>Go's protobuf encoder writes every non-pointer scalar, even when it is zero, and Go reads a
 * zero the same as an absent field; so a zero scalar is left out, as Go's {@code omitempty} does,
 * unless {@link ZeroValuedFields} says Go's JSON keeps it.
 */
final class MessageJson {
  static final JsonNodeFactory OBJECTS = JsonNodeFactory.instance;

  private MessageJson() {}

  /** The JSON of a message: its special form, or an object of its fields. */
  static JsonNode node(Message message) {
    JsonNode special = SpecialTypes.convert(message);
    return special != null ? special : object(message);
  }

  static ObjectNode object(Message message) {
    requireKnownFields(message);
    ObjectNode object = OBJECTS.objectNode();
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (field.isMapField()) {
        if (message.getRepeatedFieldCount(field) > 0) {
          object.set(field.getName(), map(message, field));
        }
      } else if (field.isRepeated()) {
        if (message.getRepeatedFieldCount(field) > 0) {
          object.set(field.getName(), array(message, field));
        }
      } else if (message.hasField(field)) {
        Object value = message.getField(field);
        if (value instanceof Message nested) {
          object.set(field.getName(), node(nested));
        } else if (!isZero(value) || ZeroValuedFields.keeps(field)) {
          object.set(field.getName(), scalar(value));
        }
      }
    }
    return object;
  }

  private static ObjectNode map(Message message, FieldDescriptor field) {
    FieldDescriptor key = field.getMessageType().findFieldByName("key");
    FieldDescriptor value = field.getMessageType().findFieldByName("value");
    ObjectNode map = OBJECTS.objectNode();
    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
      Message entry = (Message) message.getRepeatedField(field, i);
      map.set(String.valueOf(entry.getField(key)), element(entry.getField(value)));
    }
    return map;
  }

  private static ArrayNode array(Message message, FieldDescriptor field) {
    ArrayNode array = OBJECTS.arrayNode();
    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
      array.add(element(message.getRepeatedField(field, i)));
    }
    return array;
  }

  /** A list element or map value: written whatever its value, as Go does. */
  private static JsonNode element(Object value) {
    return value instanceof Message nested ? node(nested) : scalar(value);
  }

  private static JsonNode scalar(Object value) {
    if (value instanceof Integer number) {
      return OBJECTS.numberNode(number);
    }
    if (value instanceof Long number) {
      // As a JSON parser reads it: an int when it fits, so both encodings give equal trees.
      return number == number.intValue()
          ? OBJECTS.numberNode(number.intValue())
          : OBJECTS.numberNode(number);
    }
    if (value instanceof Double number) {
      return OBJECTS.numberNode(number);
    }
    if (value instanceof Float number) {
      return OBJECTS.numberNode(number);
    }
    if (value instanceof Boolean bool) {
      return OBJECTS.booleanNode(bool);
    }
    if (value instanceof ByteString bytes) {
      return OBJECTS.textNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }
    return OBJECTS.textNode(String.valueOf(value));
  }

  private static boolean isZero(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue() == 0;
    }
    if (value instanceof Boolean bool) {
      return !bool;
    }
    if (value instanceof ByteString bytes) {
      return bytes.isEmpty();
    }
    return value instanceof String text && text.isEmpty();
  }

  /**
   * Fields missing from the schema are refused unless they hold a zero, which Go's encoder writes
   * for every field it has, including ones newer than this server's schema.
   */
  private static void requireKnownFields(Message message) {
    for (Map.Entry<Integer, UnknownFieldSet.Field> unknown :
        message.getUnknownFields().asMap().entrySet()) {
      UnknownFieldSet.Field field = unknown.getValue();
      boolean zero =
          field.getVarintList().stream().allMatch(v -> v == 0)
              && field.getFixed32List().stream().allMatch(v -> v == 0)
              && field.getFixed64List().stream().allMatch(v -> v == 0)
              && field.getLengthDelimitedList().stream().allMatch(ByteString::isEmpty)
              && field.getGroupList().isEmpty();
      if (!zero) {
        throw ApiException.badRequest(
            "the protobuf body sets field "
                + unknown.getKey()
                + " of "
                + message.getDescriptorForType().getFullName()
                + ", which this server's schema does not know; send the object as"
                + " application/json");
      }
    }
  }
}
