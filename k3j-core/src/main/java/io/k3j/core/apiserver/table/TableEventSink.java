package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watch events as Tables: each object becomes a one-row Table, BOOKMARKs a Table without rows that
 * only carries the resourceVersion, and ERROR events keep their Status.
 */
final class TableEventSink implements Reply.EventSink {
  private final TableConverter converter;
  private final ResourceType type;
  private final TableFormat format;
  private final Reply.EventSink sink;
  private final AtomicBoolean columnsSent = new AtomicBoolean();

  TableEventSink(
      TableConverter converter, ResourceType type, TableFormat format, Reply.EventSink sink) {
    this.converter = converter;
    this.type = type;
    this.format = format;
    this.sink = sink;
  }

  @Override
  public void send(JsonNode event) {
    String eventType = event.path("type").asText();
    if (eventType.equals("ERROR")) {
      sink.send(event);
      return;
    }
    ObjectNode converted = ((ObjectNode) event).deepCopy();
    if (eventType.equals("BOOKMARK")) {
      ObjectNode table = converter.toTable(type, event.path("object"), format, false);
      ((ArrayNode) table.get("rows")).removeAll();
      converted.set("object", table);
    } else {
      boolean columns = columnsSent.compareAndSet(false, true);
      converted.set("object", converter.toTable(type, event.path("object"), format, columns));
    }
    sink.send(converted);
  }

  @Override
  public void end() {
    sink.end();
  }

  @Override
  public void schedule(long millis, Runnable task) {
    sink.schedule(millis, task);
  }
}
