package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code default} values as apiextensions-apiserver does: a property's default fills it
 * when it is absent, or null while not nullable; defaults apply inside array items and map values
 * too, and a filled-in default is itself defaulted further down.
 */
final class Defaulter {
  private Defaulter() {}

  static void apply(Schema schema, JsonNode value) {
    if (value instanceof ObjectNode object) {
      object(schema, object);
    } else if (value instanceof ArrayNode array && schema.items != null) {
      for (int i = 0; i < array.size(); i++) {
        if (needsDefault(schema.items, array.get(i))) {
          array.set(i, schema.items.defaultValue.deepCopy());
        }
        apply(schema.items, array.get(i));
      }
    }
  }

  private static void object(Schema schema, ObjectNode object) {
    schema.properties.forEach(
        (name, property) -> {
          if (property.defaultValue != null
              && (!object.has(name) || needsDefault(property, object.get(name)))) {
            object.set(name, property.defaultValue.deepCopy());
          }
        });
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    object.fields().forEachRemaining(fields::add);
    for (Map.Entry<String, JsonNode> field : fields) {
      Schema fieldSchema = schema.field(field.getKey());
      if (fieldSchema == null) {
        continue;
      }
      if (needsDefault(fieldSchema, field.getValue())) {
        object.set(field.getKey(), fieldSchema.defaultValue.deepCopy());
      }
      apply(fieldSchema, object.get(field.getKey()));
    }
  }

  private static boolean needsDefault(Schema schema, JsonNode value) {
    return schema.defaultValue != null && value.isNull() && !schema.nullable;
  }
}
