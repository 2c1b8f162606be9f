package io.k3j.core.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.k3j.core.apiserver.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}) as
 * kube-apiserver does (k8s.io/apimachinery strategicpatch; the "strategic merge patch" page of the
 * Kubernetes contributor docs): maps merge recursively and {@code null} deletes a key; lists whose
 * schema says {@code x-kubernetes-patch-strategy: merge} merge by their {@code
 * x-kubernetes-patch-merge-key} (lists of primitives become a set union); all other lists, and maps
 * with strategy {@code replace}, are replaced. Directives: {@code $patch: replace|delete} in a map,
 * {@code $patch: replace|delete} as a list item, {@code $retainKeys}, {@code
 * $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}. A patch that does not apply
 * is an {@link ApiException} (400, or 422 for lists of lists) with upstream's message; directives
 * never end up in the result.
 */
public final class StrategicMerge {
  static final String PATCH = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
  private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StrategicMerge() {}

  /**
   * {@code current} with {@code patch} applied, where {@code schema} describes {@code current}'s
   * kind; neither argument is modified.
   */
  public static JsonNode apply(JsonNode current, JsonNode patch, PatchSchema schema) {
    if (!patch.isObject()) {
      throw PatchErrors.badRequest("a strategic merge patch must be a JSON object");
    }
    ObjectNode original =
        current.isObject() ? ((ObjectNode) current).deepCopy() : NODES.objectNode();
    return mergeMap(original, ((ObjectNode) patch).deepCopy(), schema);
  }

  /** Merges {@code patch} into {@code original}, both owned by the caller and changed in place. */
  static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, PatchSchema schema) {
    if (patch.has(PATCH)) {
      return mapDirective(patch);
    }
    retainKeys(original, patch);
    orderLists(original, patch, schema);
    for (String key : keys(patch)) {
      JsonNode value = patch.get(key);
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deleteFromPrimitiveList(original, listName(key), value);
      } else if (value.isNull()) {
        original.remove(key);
      } else {
        original.set(key, mergeValue(original.get(key), value, schema.field(key)));
      }
    }
    return original;
  }

  /** The value of a field after the patch: {@code current} is null for a field not yet set. */
  static JsonNode mergeValue(JsonNode current, JsonNode patch, PatchSchema field) {
    if (patch.isObject()) {
      boolean merges = current != null && current.isObject() && !field.replacesMap();
      return mergeMap(
          merges ? (ObjectNode) current : NODES.objectNode(), (ObjectNode) patch, field);
    }
    if (patch.isArray() && field.mergesList()) {
      ArrayNode base =
          current != null && current.isArray() ? (ArrayNode) current : NODES.arrayNode();
      return ListMerge.merge(base, (ArrayNode) patch, field);
    }
    return patch;
  }

  private static ObjectNode mapDirective(ObjectNode patch) {
    String directive = patch.get(PATCH).asText();
    switch (directive) {
      case "replace":
        patch.remove(PATCH);
        return patch;
      case "delete":
        return NODES.objectNode();
      default:
        throw PatchErrors.badPatchType(patch.get(PATCH), patch);
    }
  }

  /**
   * {@code $retainKeys}: keys of {@code original} not listed are cleared; every key the patch sets
   * must be listed.
   */
  private static void retainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode listed = patch.remove(RETAIN_KEYS);
    if (listed == null) {
      return;
    }
    if (!listed.isArray()) {
      throw PatchErrors.retainKeysFormat();
    }
    Set<JsonNode> retained = new HashSet<>();
    listed.forEach(retained::add);
    for (String key : keys(patch)) {
      boolean directive =
          key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
      if (!patch.get(key).isNull() && !directive && !retained.contains(TextNode.valueOf(key))) {
        throw PatchErrors.retainKeysFormat();
      }
    }
    original.retain(
        keys(original).stream().filter(key -> retained.contains(TextNode.valueOf(key))).toList());
  }

  /**
   * {@code $setElementOrder/<list>}: merges the list it names now and puts the items in the given
   * order, so the loop in {@link #mergeMap} no longer sees the list.
   */
  private static void orderLists(ObjectNode original, ObjectNode patch, PatchSchema schema) {
    for (String key : keys(patch)) {
      if (!key.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      JsonNode order = patch.remove(key);
      String name = listName(key);
      ArrayNode current = list(original.get(name));
      ArrayNode patchList = list(patch.remove(name));
      if (!order.isArray()) {
        throw PatchErrors.setElementOrderFormat();
      }
      if (current == null && patchList == null) {
        continue;
      }
      PatchSchema field = schema.field(name);
      ElementOrder.validate(patchList, (ArrayNode) order, field.mergeKey());
      ArrayNode server = current == null ? NODES.arrayNode() : current.deepCopy();
      ArrayNode merged =
          patchList == null ? current : (ArrayNode) mergeValue(current, patchList, field);
      original.set(
          name, ElementOrder.normalize(merged, (ArrayNode) order, server, field.mergeKey()));
    }
  }

  private static void deleteFromPrimitiveList(ObjectNode original, String name, JsonNode values) {
    if (!values.isArray()) {
      throw PatchErrors.primitiveListFormat();
    }
    JsonNode current = original.get(name);
    if (current != null && current.isArray()) {
      original.set(name, ListMerge.without((ArrayNode) current, (ArrayNode) values));
    }
  }

  /** The list a {@code $directive/<list>} key names. */
  private static String listName(String key) {
    String name = key.substring(key.indexOf('/') + 1);
    if (name.isEmpty()) {
      throw key.startsWith(SET_ELEMENT_ORDER)
          ? PatchErrors.setElementOrderFormat()
          : PatchErrors.primitiveListFormat();
    }
    return name;
  }

  /** A copy of the keys, so that the map can change while they are walked. */
  private static List<String> keys(ObjectNode map) {
    List<String> keys = new ArrayList<>();
    map.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** A list that {@code $setElementOrder} names, or null if it is not set. */
  private static ArrayNode list(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      throw PatchErrors.setElementOrderFormat();
    }
    return (ArrayNode) value;
  }
}
