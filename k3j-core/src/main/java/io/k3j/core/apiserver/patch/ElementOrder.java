package io.k3j.core.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a merged list (Kubernetes design proposal "preserve order in strategic merge
 * patch"): items the patch names come in the patch's order ({@code $setElementOrder/<list>} if
 * given, else the patch list itself); the other items keep their order in the current list and are
 * put before a patch item only where the current list had them before it. Items are identified by
 * their merge key, primitives by their value.
 */
final class ElementOrder {
  private ElementOrder() {}

  static ArrayNode normalize(
      ArrayNode merged, ArrayNode patchOrder, ArrayNode serverOrder, String mergeKey) {
    List<JsonNode> patchIds = ids(patchOrder, mergeKey);
    List<JsonNode> serverIds = ids(serverOrder, mergeKey);
    List<JsonNode> named = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    merged.forEach(item -> (patchIds.contains(id(item, mergeKey)) ? named : serverOnly).add(item));
    named.sort(Comparator.comparingInt(item -> patchIds.indexOf(id(item, mergeKey))));
    serverOnly.sort(Comparator.comparingInt(item -> rank(serverIds, id(item, mergeKey))));
    ArrayNode ordered = JsonNodeFactory.instance.arrayNode();
    int s = 0;
    int p = 0;
    while (s < serverOnly.size() || p < named.size()) {
      boolean serverFirst =
          p >= named.size()
              || s < serverOnly.size()
                  && serverIds.indexOf(id(named.get(p), mergeKey)) >= 0
                  && serverIds.indexOf(id(serverOnly.get(s), mergeKey))
                      < serverIds.indexOf(id(named.get(p), mergeKey));
      ordered.add(serverFirst ? serverOnly.get(s++) : named.get(p++));
    }
    return ordered;
  }

  /**
   * Checks that a {@code $setElementOrder} list names the patch list's items (deletions aside) in
   * the same relative order.
   */
  static void validate(ArrayNode patchList, ArrayNode order, String mergeKey) {
    if (patchList == null || patchList.isEmpty() || order.isEmpty()) {
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    patchList.forEach(
        item -> {
          if (!item.has(StrategicMerge.PATCH)) {
            items.add(item);
          }
        });
    int p = 0;
    for (int o = 0; o < order.size() && p < items.size(); o++) {
      if (required(items.get(p), mergeKey).equals(required(order.get(o), mergeKey))) {
        p++;
      }
    }
    if (p < items.size()) {
      throw PatchErrors.badRequest(
          "The order in patch list:\n"
              + PatchErrors.go(patchList)
              + "\n doesn't match $setElementOrder list:\n"
              + PatchErrors.go(order)
              + "\n");
    }
  }

  private static List<JsonNode> ids(ArrayNode list, String mergeKey) {
    List<JsonNode> ids = new ArrayList<>();
    list.forEach(item -> ids.add(id(item, mergeKey)));
    return ids;
  }

  private static JsonNode id(JsonNode item, String mergeKey) {
    return mergeKey == null ? item : item.path(mergeKey);
  }

  private static JsonNode required(JsonNode item, String mergeKey) {
    if (mergeKey != null && !item.has(mergeKey)) {
      throw PatchErrors.noMergeKey(item, mergeKey);
    }
    return id(item, mergeKey);
  }

  private static int rank(List<JsonNode> ids, JsonNode id) {
    int index = ids.indexOf(id);
    return index < 0 ? Integer.MAX_VALUE : index;
  }
}
