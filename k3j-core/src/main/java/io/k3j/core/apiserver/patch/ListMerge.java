package io.k3j.core.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Lists with patch strategy {@code merge}: primitives become the set union of current and patch
 * items; maps are matched by their merge key, matching items merge, new items are appended, and the
 * items {@code {"$patch": "delete", <key>: <value>}} and {@code {"$patch": "replace"}} delete by
 * key or replace the whole list with the patch's other items. Afterwards the items the patch names
 * follow the patch's order, the others keep their places as far as possible ({@link ElementOrder}).
 */
final class ListMerge {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ListMerge() {}

  /** Merges {@code patch} into {@code original}, which is owned by the caller. */
  static ArrayNode merge(ArrayNode original, ArrayNode patch, PatchSchema field) {
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    if (!holdsMaps(original, patch)) {
      ArrayNode union = NODES.arrayNode();
      Set<JsonNode> seen = new HashSet<>();
      original.forEach(item -> addOnce(union, seen, item));
      patch.forEach(item -> addOnce(union, seen, item));
      return ElementOrder.normalize(union, patch, original, null);
    }
    String key = field.mergeKey();
    if (key == null) {
      throw PatchErrors.badRequest("cannot merge lists without merge key for type map");
    }
    ArrayNode plain = NODES.arrayNode();
    boolean replace = false;
    for (JsonNode item : patch) {
      JsonNode directive = item.get(StrategicMerge.PATCH);
      if (directive == null) {
        plain.add(item);
      } else if (directive.asText().equals("delete")) {
        removeAll(original, key, mergeKey(item, key));
      } else if (directive.asText().equals("replace")) {
        replace = true;
      } else if (directive.asText().equals("merge")) {
        throw PatchErrors.badRequest("merging lists cannot yet be specified in the patch");
      } else {
        throw PatchErrors.badPatchType(directive, item);
      }
    }
    if (replace) {
      return plain;
    }
    ArrayNode server = NODES.arrayNode().addAll(original);
    for (JsonNode item : plain) {
      int index = indexOf(original, key, mergeKey(item, key));
      ObjectNode into = index < 0 ? NODES.objectNode() : (ObjectNode) original.get(index);
      ObjectNode merged = StrategicMerge.mergeMap(into, (ObjectNode) item, field.items());
      if (index < 0) {
        original.add(merged);
      } else {
        original.set(index, merged);
      }
    }
    return ElementOrder.normalize(original, plain, server, key);
  }

  /** {@code original} without the values listed in {@code values}. */
  static ArrayNode without(ArrayNode original, ArrayNode values) {
    Set<JsonNode> removed = new HashSet<>();
    values.forEach(removed::add);
    ArrayNode kept = NODES.arrayNode();
    original.forEach(
        item -> {
          if (!removed.contains(item)) {
            kept.add(item);
          }
        });
    return kept;
  }

  /** Whether the items are maps; lists of lists and lists of mixed items do not apply. */
  private static boolean holdsMaps(ArrayNode original, ArrayNode patch) {
    Set<Boolean> maps = new HashSet<>();
    for (ArrayNode list : new ArrayNode[] {original, patch}) {
      for (JsonNode item : list) {
        if (item.isArray()) {
          throw PatchErrors.listOfLists();
        }
        maps.add(item.isObject());
      }
    }
    if (maps.size() > 1) {
      throw PatchErrors.badRequest(
          "list items must all be maps or all be primitives: " + PatchErrors.go(patch));
    }
    return maps.contains(true);
  }

  private static JsonNode mergeKey(JsonNode item, String key) {
    JsonNode value = item.get(key);
    if (value == null) {
      throw PatchErrors.noMergeKey(item, key);
    }
    return value;
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (value.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static void removeAll(ArrayNode list, String key, JsonNode value) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (value.equals(list.get(i).get(key))) {
        list.remove(i);
      }
    }
  }

  private static void addOnce(ArrayNode list, Set<JsonNode> seen, JsonNode item) {
    if (seen.add(item)) {
      list.add(item);
    }
  }
}
