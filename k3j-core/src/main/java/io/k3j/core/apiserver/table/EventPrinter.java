package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Events as {@code kubectl get events} shows them: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, and
 * wide SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME. core/v1 and events.k8s.io/v1 Events print the
 * same; they only name the fields differently.
 */
final class EventPrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.string("Last Seen", "The time the event was last seen."),
          Column.string("Type", "Normal or Warning."),
          Column.string("Reason", "Why the event happened, in CamelCase."),
          Column.string("Object", "The object the event is about."),
          Column.string("Subobject", "The part of the object the event is about.").wide(),
          Column.string("Source", "The component that reported the event.").wide(),
          Column.string("Message", "A description of the event."),
          Column.string("First Seen", "The time the event was first seen.").wide(),
          Column.string("Count", "How often the event happened.").wide(),
          new Column("Name", "string", "name", Column.NAME_DESCRIPTION, 1));

  private final Fields fields;

  private EventPrinter(Fields fields) {
    this.fields = fields;
  }

  /** For core/v1 Events. */
  static EventPrinter core() {
    return new EventPrinter(
        new Fields(
            "firstTimestamp",
            "lastTimestamp",
            "count",
            "involvedObject",
            "source",
            "reportingComponent",
            "message"));
  }

  /** For events.k8s.io/v1 Events. */
  static EventPrinter events() {
    return new EventPrinter(
        new Fields(
            "deprecatedFirstTimestamp",
            "deprecatedLastTimestamp",
            "deprecatedCount",
            "regarding",
            "deprecatedSource",
            "reportingController",
            "note"));
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(JsonNode event, Instant now) {
    String firstSeen =
        event.path(fields.firstTimestamp()).isTextual()
            ? HumanDuration.since(event.path(fields.firstTimestamp()), now)
            : HumanDuration.since(event.path("eventTime"), now);
    String lastSeen =
        event.path(fields.lastTimestamp()).isTextual()
            ? HumanDuration.since(event.path(fields.lastTimestamp()), now)
            : firstSeen;
    long count = event.path(fields.count()).asLong();
    JsonNode series = event.path("series");
    if (series.isObject()) {
      lastSeen = HumanDuration.since(series.path("lastObservedTime"), now);
      count = series.path("count").asLong();
    } else if (count == 0) {
      count = 1;
    }
    JsonNode regarding = event.path(fields.regarding());
    String kind = regarding.path("kind").asText("").toLowerCase(Locale.ROOT);
    String name = regarding.path("name").asText("");
    return Arrays.asList(
        lastSeen,
        event.path("type").asText(""),
        event.path("reason").asText(""),
        name.isEmpty() ? kind : kind + "/" + name,
        regarding.path("fieldPath").asText(""),
        source(event),
        event.path(fields.message()).asText("").strip(),
        firstSeen,
        count,
        Cells.name(event));
  }

  /** The source's component (else the reporting controller), then its host if any. */
  private String source(JsonNode event) {
    JsonNode source = event.path(fields.source());
    String component = firstNonEmpty(source.path("component"), event.path(fields.reporter()));
    String host = firstNonEmpty(source.path("host"), event.path("reportingInstance"));
    return host.isEmpty() ? component : component + ", " + host;
  }

  private static String firstNonEmpty(JsonNode first, JsonNode second) {
    String value = first.asText("");
    return value.isEmpty() ? second.asText("") : value;
  }

  /** Where a version of Event keeps what the printer reads. */
  private record Fields(
      String firstTimestamp,
      String lastTimestamp,
      String count,
      String regarding,
      String source,
      String reporter,
      String message) {}
}
