package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The conditions a terminating Namespace reports, with upstream's types, reasons and messages
 * (kube-controller-manager namespace deletion, {@code status_condition_utils.go}): each type is
 * False with an "all good" reason unless the last pass found a problem.
 */
final class NamespaceConditions {
  /** One condition type and its "all good" reason and message. */
  private record Type(String name, String okReason, String okMessage) {}

  private static final List<Type> TYPES =
      List.of(
          new Type(
              "NamespaceDeletionDiscoveryFailure",
              "ResourcesDiscovered",
              "All resources successfully discovered"),
          new Type(
              "NamespaceDeletionGroupVersionParsingFailure",
              "ParsedGroupVersions",
              "All legacy kube types successfully parsed"),
          new Type(
              "NamespaceDeletionContentFailure",
              "ContentDeleted",
              "All content successfully deleted, may be waiting on finalization"),
          new Type(
              "NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
          new Type(
              "NamespaceFinalizersRemaining",
              "ContentHasNoFinalizers",
              "All content-preserving finalizers finished"));

  private NamespaceConditions() {}

  /**
   * The conditions after one pass, keeping the previous transition times of unchanged statuses.
   *
   * @param remaining objects left per resource ("configmaps", "widgets.example.com")
   * @param finalizers objects left per finalizer they carry
   * @param failures why deleting some kinds failed
   */
  static ArrayNode of(
      JsonNode previous,
      SortedMap<String, Integer> remaining,
      SortedMap<String, Integer> finalizers,
      List<String> failures,
      String now) {
    ArrayNode conditions = JsonNodeFactory.instance.arrayNode();
    for (Type type : TYPES) {
      String[] failed = failure(type.name(), remaining, finalizers, failures);
      ObjectNode condition = conditions.addObject().put("type", type.name());
      condition.put("status", failed == null ? "False" : "True");
      condition.put("lastTransitionTime", since(previous, type.name(), condition, now));
      condition.put("reason", failed == null ? type.okReason() : failed[0]);
      condition.put("message", failed == null ? type.okMessage() : failed[1]);
    }
    return conditions;
  }

  /** Reason and message when the condition is True, else null. */
  private static String[] failure(
      String type,
      SortedMap<String, Integer> remaining,
      SortedMap<String, Integer> finalizers,
      List<String> failures) {
    switch (type) {
      case "NamespaceDeletionContentFailure":
        if (failures.isEmpty()) {
          return null;
        }
        String errors =
            failures.size() == 1 ? failures.get(0) : "[" + String.join(", ", failures) + "]";
        return new String[] {
          "ContentDeletionFailed",
          "Failed to delete all resource types, " + failures.size() + " remaining: " + errors
        };
      case "NamespaceContentRemaining":
        if (remaining.isEmpty()) {
          return null;
        }
        return new String[] {
          "SomeResourcesRemain",
          "Some resources are remaining: " + join(remaining, "%s has %d resource instances")
        };
      case "NamespaceFinalizersRemaining":
        if (finalizers.isEmpty()) {
          return null;
        }
        return new String[] {
          "SomeFinalizersRemain",
          "Some content in the namespace has finalizers remaining: "
              + join(finalizers, "%s in %d resource instances")
        };
      default:
        return null;
    }
  }

  private static String join(SortedMap<String, Integer> counts, String format) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      parts.add(String.format(format, entry.getKey(), entry.getValue()));
    }
    return String.join(", ", parts);
  }

  private static String since(JsonNode previous, String type, ObjectNode condition, String now) {
    for (JsonNode old : previous) {
      if (old.path("type").asText().equals(type)
          && old.path("status").asText().equals(condition.path("status").asText())) {
        return old.path("lastTransitionTime").asText(now);
      }
    }
    return now;
  }
}
