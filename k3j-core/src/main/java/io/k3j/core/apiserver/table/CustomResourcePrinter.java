package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Custom resources: Name, then the served version's {@code additionalPrinterColumns}, each a
 * JSONPath evaluated on the object; a version that declares none gets Age. As kube-apiserver does,
 * a column shows the path's first result, typed by the column: a string column prints any value
 * (objects and lists as JSON), other types show only values of their type, and a date column shows
 * the age of the timestamp.
 */
final class CustomResourcePrinter implements Printer {
  private static final ObjectMapper SORTED_JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final List<Column> columns = new ArrayList<>();

  /** One per column after Name; null where the CRD's path cannot be parsed. */
  private final List<JsonPath> paths = new ArrayList<>();

  /**
   * @param printerColumns the version's {@code additionalPrinterColumns}, possibly null
   */
  CustomResourcePrinter(JsonNode printerColumns) {
    columns.add(Column.objectName());
    if (printerColumns == null || printerColumns.size() == 0) {
      columns.add(new Column("Age", "date", "", Column.AGE_DESCRIPTION, 0));
      paths.add(JsonPath.parse(".metadata.creationTimestamp"));
      return;
    }
    for (JsonNode column : printerColumns) {
      String jsonPath = column.path("jsonPath").asText("");
      String description = column.path("description").asText("");
      columns.add(
          new Column(
              column.path("name").asText(""),
              column.path("type").asText("string"),
              column.path("format").asText(""),
              description.isEmpty()
                  ? "Custom resource definition column (in JSONPath format): " + jsonPath
                  : description,
              column.path("priority").asInt(0)));
      paths.add(parseOrNull(jsonPath));
    }
  }

  private static JsonPath parseOrNull(String jsonPath) {
    try {
      return JsonPath.parse(jsonPath);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public List<Object> cells(JsonNode object, Instant now) {
    List<Object> cells = new ArrayList<>();
    cells.add(Cells.name(object));
    for (int i = 0; i < paths.size(); i++) {
      JsonPath path = paths.get(i);
      List<JsonNode> results = path == null ? List.of() : path.evaluate(object);
      JsonNode value = results.isEmpty() ? null : results.get(0);
      cells.add(
          value == null || value.isNull() ? null : cell(columns.get(i + 1).type(), value, now));
    }
    return cells;
  }

  private static Object cell(String type, JsonNode value, Instant now) {
    switch (type) {
      case "string":
        return text(value);
      case "integer":
        return value.isNumber() ? (Object) value.asLong() : null;
      case "number":
        return value.isNumber() ? (Object) value.asDouble() : null;
      case "boolean":
        return value.isBoolean() ? (Object) value.asBoolean() : null;
      case "date":
        return value.isTextual() ? HumanDuration.since(value, now) : null;
      default:
        return null;
    }
  }

  /** Strings as they are, scalars as their text, objects and lists as JSON with sorted keys. */
  private static String text(JsonNode value) {
    if (!value.isContainerNode()) {
      return value.asText();
    }
    try {
      return SORTED_JSON.writeValueAsString(SORTED_JSON.treeToValue(value, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
