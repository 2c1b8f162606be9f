package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Turns one object of a kind into a Table row. Cells are Strings, Longs, Doubles, Booleans or null,
 * one per column; the server always fills the wide columns too, kubectl hides them.
 */
interface Printer {
  List<Column> columns();

  /**
   * The row's cells.
   *
   * @param now the time ages are measured against
   */
  List<Object> cells(JsonNode object, Instant now);

  /** Row conditions ({@code Completed} for finished pods); none by default. */
  default List<ObjectNode> conditions(JsonNode object) {
    return List.of();
  }

  /** A printer from its columns and a function computing the cells. */
  static Printer of(List<Column> columns, BiFunction<JsonNode, Instant, List<Object>> cells) {
    return new Printer() {
      @Override
      public List<Column> columns() {
        return columns;
      }

      @Override
      public List<Object> cells(JsonNode object, Instant now) {
        return cells.apply(object, now);
      }
    };
  }
}
