package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;

/** JSON pointers (RFC 6901) as JSON patch uses them. */
final class Pointer {
  private Pointer() {}

  static JsonNode get(JsonNode document, String pointer) {
    JsonNode node = document.at(pointer);
    if (node.isMissingNode()) {
      throw ApiException.badRequest("JSON pointer " + pointer + " does not exist");
    }
    return node;
  }

  static String parent(String pointer) {
    return pointer.substring(0, pointer.lastIndexOf('/'));
  }

  static String last(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
  }

  static int index(String token, int bound) {
    try {
      int index = Integer.parseInt(token);
      if (index >= 0 && index < bound) {
        return index;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest("array index " + token + " is out of range");
  }
}
