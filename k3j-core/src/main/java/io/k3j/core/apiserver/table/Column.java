package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code TableColumnDefinition}: kubectl prints columns of priority 0, and those of priority 1
 * only with {@code -o wide}.
 *
 * @param type an OpenAPI type: string, integer, number, boolean, date
 * @param format an OpenAPI format such as {@code name}, or ""
 */
record Column(String name, String type, String format, String description, int priority) {
  static final String NAME_DESCRIPTION =
      "Name must be unique within a namespace. It is required when creating resources.";
  static final String AGE_DESCRIPTION =
      "CreationTimestamp is a timestamp representing the server time when this object was"
          + " created, in UTC.";

  /** The Name column every printer starts with. */
  static Column objectName() {
    return new Column("Name", "string", "name", NAME_DESCRIPTION, 0);
  }

  static Column age() {
    return string("Age", AGE_DESCRIPTION);
  }

  static Column string(String name, String description) {
    return new Column(name, "string", "", description, 0);
  }

  static Column integer(String name, String description) {
    return new Column(name, "integer", "", description, 0);
  }

  static Column bool(String name, String description) {
    return new Column(name, "boolean", "", description, 0);
  }

  /** The same column, shown only by {@code -o wide}. */
  Column wide() {
    return new Column(name, type, format, description, 1);
  }

  ObjectNode toJson() {
    ObjectNode column = JsonNodeFactory.instance.objectNode();
    column.put("name", name).put("type", type).put("format", format);
    column.put("description", description).put("priority", priority);
    return column;
  }
}
