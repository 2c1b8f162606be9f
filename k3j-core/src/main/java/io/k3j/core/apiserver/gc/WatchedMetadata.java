package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Json;
import java.io.IOException;
import java.util.Set;

/**
 * The metadata fields the garbage collector's watch decides on ({@code ownerReferences}, {@code
 * uid}, {@code finalizers}, {@code deletionTimestamp}), read from a stored value with a streaming
 * parse that skips the rest: every write in the cluster passes that watch, and building the whole
 * object only to look at four fields cost as much as the rest of the watch.
 */
final class WatchedMetadata {
  private static final Set<String> FIELDS =
      Set.of("ownerReferences", "uid", "finalizers", "deletionTimestamp");

  /** Reads one value in the middle of a document: what follows it is not trailing content. */
  private static final ObjectReader VALUE =
      Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private WatchedMetadata() {}

  /**
   * Those fields of the value's {@code metadata} object, as parsing the whole value would give
   * them; an empty object when the value is not a JSON object with a metadata object.
   */
  static ObjectNode of(byte[] value) {
    ObjectNode metadata = null;
    try (JsonParser parser = Json.MAPPER.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Json.MAPPER.createObjectNode();
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken start = parser.nextToken();
        if (name.equals("metadata")) {
          // The last of duplicate keys wins, as when the whole value is parsed.
          metadata = start == JsonToken.START_OBJECT ? fields(parser) : null;
        } else {
          parser.skipChildren();
        }
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return Json.MAPPER.createObjectNode();
      }
    } catch (IOException e) {
      return Json.MAPPER.createObjectNode();
    }
    return metadata == null ? Json.MAPPER.createObjectNode() : metadata;
  }

  /** The watched fields of the object the parser is at the start of; leaves it at its end. */
  private static ObjectNode fields(JsonParser parser) throws IOException {
    ObjectNode fields = Json.MAPPER.createObjectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (FIELDS.contains(name)) {
        fields.set(name, VALUE.readTree(parser));
      } else {
        parser.skipChildren();
      }
    }
    return fields;
  }
}
