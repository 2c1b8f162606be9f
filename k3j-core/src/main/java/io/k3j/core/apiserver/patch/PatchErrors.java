package io.k3j.core.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The errors of a strategic merge patch that does not apply, with apimachinery's messages
 * (k8s.io/apimachinery/pkg/util/mergepatch/errors.go) and kube-apiserver's codes: 422 for lists of
 * lists, 400 for everything else. Values are shown as Go prints them ({@code map[k:v]}), as in
 * upstream's messages.
 */
final class PatchErrors {
  private PatchErrors() {}

  static ApiException badRequest(String message) {
    return ApiException.badRequest(message);
  }

  static ApiException listOfLists() {
    return new ApiException(422, "Invalid", "lists of lists are not supported");
  }

  static ApiException retainKeysFormat() {
    return badRequest("invalid patch format of retainKeys");
  }

  static ApiException primitiveListFormat() {
    return badRequest("invalid patch format of primitive list");
  }

  static ApiException setElementOrderFormat() {
    return badRequest("invalid patch format of setElementOrder list");
  }

  static ApiException noMergeKey(JsonNode map, String mergeKey) {
    return badRequest("map: " + go(map) + " does not contain declared merge key: " + mergeKey);
  }

  static ApiException badPatchType(JsonNode type, JsonNode map) {
    return badRequest("unknown patch type: " + go(type) + " in map: " + go(map));
  }

  /** A JSON value as Go's {@code %v} prints its decoded form; maps with sorted keys. */
  static String go(JsonNode value) {
    if (value == null || value.isNull()) {
      return "<nil>";
    }
    if (value.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      value.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
      StringBuilder text = new StringBuilder("map[");
      sorted.forEach(
          (key, field) ->
              text.append(text.length() > 4 ? " " : "").append(key).append(':').append(go(field)));
      return text.append(']').toString();
    }
    if (value.isArray()) {
      StringBuilder text = new StringBuilder("[");
      for (Iterator<JsonNode> items = value.elements(); items.hasNext(); ) {
        text.append(go(items.next())).append(items.hasNext() ? " " : "");
      }
      return text.append(']').toString();
    }
    return value.asText();
  }
}
