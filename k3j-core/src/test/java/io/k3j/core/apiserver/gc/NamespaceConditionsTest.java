package io.k3j.core.apiserver.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamespaceConditionsTest {
  private static final String T1 = "2026-01-01T00:00:00Z";
  private static final String T2 = "2026-01-01T00:01:00Z";

  private static JsonNode condition(ArrayNode conditions, String type) {
    for (JsonNode condition : conditions) {
      if (condition.path("type").asText().equals(type)) {
        return condition;
      }
    }
    throw new AssertionError("no condition " + type + " in " + conditions);
  }

  @Test
  @DisplayName("remaining content and finalizers read as upstream's; the rest report all good")
  void remaining() {
    TreeMap<String, Integer> remaining = new TreeMap<>();
    remaining.put("configmaps.", 2);
    remaining.put("gadgets.gc.k3j.io", 1);
    TreeMap<String, Integer> finalizers = new TreeMap<>();
    finalizers.put("example.com/hold", 3);
    ArrayNode conditions =
        NamespaceConditions.of(
            JsonNodeFactory.instance.arrayNode(), remaining, finalizers, List.of(), T1);
    assertThat(conditions).hasSize(5);
    assertThat(condition(conditions, "NamespaceContentRemaining").path("message").asText())
        .isEqualTo(
            "Some resources are remaining: configmaps. has 2 resource instances,"
                + " gadgets.gc.k3j.io has 1 resource instances");
    assertThat(condition(conditions, "NamespaceFinalizersRemaining").path("reason").asText())
        .isEqualTo("SomeFinalizersRemain");
    JsonNode content = condition(conditions, "NamespaceDeletionContentFailure");
    assertThat(content.path("status").asText()).isEqualTo("False");
    assertThat(content.path("reason").asText()).isEqualTo("ContentDeleted");
  }

  @Test
  @DisplayName("a condition keeps its transition time until its status changes")
  void transitions() {
    TreeMap<String, Integer> none = new TreeMap<>();
    TreeMap<String, Integer> some = new TreeMap<>();
    some.put("configmaps.", 1);
    ArrayNode first =
        NamespaceConditions.of(JsonNodeFactory.instance.arrayNode(), some, none, List.of(), T1);
    ArrayNode same = NamespaceConditions.of(first, some, none, List.of("boom"), T2);
    assertThat(condition(same, "NamespaceContentRemaining").path("lastTransitionTime").asText())
        .isEqualTo(T1);
    JsonNode failed = condition(same, "NamespaceDeletionContentFailure");
    assertThat(failed.path("lastTransitionTime").asText()).isEqualTo(T2);
    assertThat(failed.path("message").asText())
        .isEqualTo("Failed to delete all resource types, 1 remaining: boom");
    ArrayNode done = NamespaceConditions.of(same, none, none, List.of(), T2);
    assertThat(condition(done, "NamespaceContentRemaining").path("status").asText())
        .isEqualTo("False");
    assertThat(condition(done, "NamespaceContentRemaining").path("lastTransitionTime").asText())
        .isEqualTo(T2);
  }
}
