package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Cells most rows share: the name, the age, and counts of maps and lists. */
final class Cells {
  private Cells() {}

  static String name(JsonNode object) {
    return object.at("/metadata/name").asText("");
  }

  static String age(JsonNode object, Instant now) {
    return HumanDuration.since(object.at("/metadata/creationTimestamp"), now);
  }

  /** The number of entries of a map or list at a JSON pointer; 0 when absent. */
  static long count(JsonNode object, String pointer) {
    return object.at(pointer).size();
  }

  /** The text at a JSON pointer, or "" when absent. */
  static String text(JsonNode object, String pointer) {
    return object.at(pointer).asText("");
  }

  /** The text at a JSON pointer, or {@code fallback} when absent or empty. */
  static String text(JsonNode object, String pointer, String fallback) {
    String text = text(object, pointer);
    return text.isEmpty() ? fallback : text;
  }

  static long number(JsonNode object, String pointer) {
    return object.at(pointer).asLong();
  }

  static boolean deleting(JsonNode object) {
    return object.at("/metadata/deletionTimestamp").isTextual();
  }
}
