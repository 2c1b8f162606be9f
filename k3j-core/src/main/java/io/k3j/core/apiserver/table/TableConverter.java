package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Converts API objects and lists to {@code meta.k8s.io Table}s, the way {@code kubectl get} asks
 * for them: column definitions, one row of cells per object, and in each row the object, its
 * metadata only, or nothing ({@link IncludeObject}).
 */
public final class TableConverter {
  private final Clock clock;

  /**
   * @param clock the time ages are measured against
   */
  public TableConverter(Clock clock) {
    this.clock = clock;
  }

  /** A 200 answer holding the Table of an object or list, with the negotiated Content-Type. */
  public Reply.Full reply(ResourceType type, JsonNode objectOrList, TableFormat format) {
    return new Reply.Full(
        200, format.contentType(), Json.bytes(toTable(type, objectOrList, format, true)));
  }

  /**
   * A sink that turns each watch event's object into a one-row Table before passing it on; column
   * definitions go with the first event only, as kube-apiserver sends them. ERROR events pass
   * unchanged.
   */
  public Reply.EventSink watchSink(ResourceType type, TableFormat format, Reply.EventSink sink) {
    return new TableEventSink(this, type, format, sink);
  }

  /**
   * The Table of an object or of a list of the type ({@code kind} is the type's list kind).
   *
   * @param columns whether to include {@code columnDefinitions}
   */
  ObjectNode toTable(
      ResourceType type, JsonNode objectOrList, TableFormat format, boolean columns) {
    Printer printer = Printers.forType(type);
    ObjectNode table = JsonNodeFactory.instance.objectNode();
    table.put("kind", "Table").put("apiVersion", format.apiVersion());
    table.set("metadata", listMeta(objectOrList.path("metadata")));
    if (columns) {
      ArrayNode definitions = table.putArray("columnDefinitions");
      printer.columns().forEach(column -> definitions.add(column.toJson()));
    }
    ArrayNode rows = table.putArray("rows");
    Instant now = clock.instant();
    if (objectOrList.path("kind").asText().equals(type.listKind())) {
      objectOrList.path("items").forEach(item -> rows.add(row(printer, item, format, now)));
    } else {
      rows.add(row(printer, objectOrList, format, now));
    }
    return table;
  }

  /** resourceVersion, continue and remainingItemCount, where present. */
  private static ObjectNode listMeta(JsonNode metadata) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    for (String field : List.of("resourceVersion", "continue", "remainingItemCount")) {
      if (metadata.hasNonNull(field)) {
        meta.set(field, metadata.get(field));
      }
    }
    return meta;
  }

  private static ObjectNode row(Printer printer, JsonNode object, TableFormat format, Instant now) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    ArrayNode cells = row.putArray("cells");
    for (Object cell : printer.cells(object, now)) {
      cells.add(Json.MAPPER.valueToTree(cell));
    }
    List<ObjectNode> conditions = printer.conditions(object);
    if (!conditions.isEmpty()) {
      row.putArray("conditions").addAll(conditions);
    }
    switch (format.include()) {
      case NONE:
        row.putNull("object");
        break;
      case OBJECT:
        row.set("object", object);
        break;
      default:
        row.set("object", partialObjectMetadata(object, format));
    }
    return row;
  }

  private static ObjectNode partialObjectMetadata(JsonNode object, TableFormat format) {
    ObjectNode partial = JsonNodeFactory.instance.objectNode();
    partial.put("kind", "PartialObjectMetadata").put("apiVersion", format.apiVersion());
    partial.set("metadata", object.path("metadata").deepCopy());
    return partial;
  }
}
