package io.k3j.core.apiserver.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.gc.DeleteOptions.Propagation;
import io.k3j.core.apiserver.gc.OwnerGraph.Node;
import io.k3j.core.apiserver.resources.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GcPlannerTest {

  private static Node node(String uid, String... finalizers) {
    ObjectNode object = Json.MAPPER.createObjectNode();
    ObjectNode metadata = object.putObject("metadata").put("name", uid).put("uid", uid);
    if (finalizers.length > 0) {
      metadata.put("deletionTimestamp", "2026-01-01T00:00:00Z");
      ArrayNode list = metadata.putArray("finalizers");
      for (String finalizer : finalizers) {
        list.add(finalizer);
      }
    }
    return new Node("/registry/core/configmaps/ns/" + uid, object);
  }

  private static Node owned(Node node, String ownerUid, boolean block) {
    ObjectNode metadata = (ObjectNode) node.object().get("metadata");
    ArrayNode references =
        metadata.has("ownerReferences")
            ? (ArrayNode) metadata.get("ownerReferences")
            : metadata.putArray("ownerReferences");
    references
        .addObject()
        .put("apiVersion", "v1")
        .put("kind", "ConfigMap")
        .put("name", ownerUid)
        .put("uid", ownerUid)
        .put("blockOwnerDeletion", block);
    return node;
  }

  private static List<GcAction> plan(Node... nodes) {
    return GcPlanner.plan(new OwnerGraph(List.of(nodes)));
  }

  @Test
  @DisplayName("a dependent whose only owner is gone is deleted in the background")
  void danglingOwner() {
    Node child = owned(node("child"), "gone", false);
    assertThat(plan(child)).containsExactly(new GcAction.Delete(child, Propagation.BACKGROUND));
  }

  @Test
  @DisplayName("a dependent with a live owner stays; only its dangling reference is removed")
  void solidOwner() {
    Node owner = node("owner");
    Node child = owned(owned(node("child"), "owner", false), "gone", false);
    assertThat(plan(owner, child))
        .containsExactly(new GcAction.RemoveOwnerReferences(child, Set.of("gone")));
    assertThat(plan(owner, owned(node("other"), "owner", false))).isEmpty();
  }

  @Test
  @DisplayName("an orphaning owner loses its dependents' references first, then its finalizer")
  void orphan() {
    Node owner = node("owner", Finalizers.ORPHAN);
    Node child = owned(node("child"), "owner", true);
    assertThat(plan(owner, child))
        .containsExactly(new GcAction.RemoveOwnerReferences(child, Set.of("owner")));
    assertThat(plan(owner)).containsExactly(new GcAction.RemoveFinalizer(owner, Finalizers.ORPHAN));
  }

  @Test
  @DisplayName("a foreground owner waits for blocking dependents, which are deleted")
  void foreground() {
    Node owner = node("owner", Finalizers.FOREGROUND);
    Node child = owned(node("child"), "owner", true);
    Node grandchild = owned(node("grandchild"), "child", true);
    assertThat(plan(owner, child, grandchild))
        .containsExactly(new GcAction.Delete(child, Propagation.FOREGROUND));
    Node leaf = owned(node("leaf"), "owner", true);
    assertThat(plan(owner, leaf))
        .containsExactly(new GcAction.Delete(leaf, Propagation.BACKGROUND));
    Node deletingLeaf = owned(node("leaf", "example.com/hold"), "owner", true);
    assertThat(plan(owner, deletingLeaf)).isEmpty();
    Node nonBlocking = owned(node("loose"), "owner", false);
    assertThat(plan(owner, nonBlocking))
        .containsExactlyInAnyOrder(
            new GcAction.Delete(nonBlocking, Propagation.BACKGROUND),
            new GcAction.RemoveFinalizer(owner, Finalizers.FOREGROUND));
  }

  @Test
  @DisplayName("a dependent being deleted is left to its own finalizers")
  void deletingDependent() {
    Node child = owned(node("child", "example.com/hold"), "gone", false);
    assertThat(plan(child)).isEmpty();
  }

  @Test
  @DisplayName("a dependent's own orphan finalizer decides how it is collected")
  void ownPolicy() {
    Node child = owned(node("child"), "gone", false);
    ((ObjectNode) child.object().get("metadata")).putArray("finalizers").add(Finalizers.ORPHAN);
    assertThat(plan(child)).containsExactly(new GcAction.Delete(child, Propagation.ORPHAN));
  }
}
