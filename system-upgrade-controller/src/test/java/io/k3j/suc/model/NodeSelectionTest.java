package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanStatus;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeSelectionTest {
  static final List<Node> FIVE = IntStream.range(0, 5).mapToObj(i -> Plans.node("n" + i)).toList();

  static List<Node> reversed(List<Node> nodes) {
    List<Node> copy = new java.util.ArrayList<>(nodes);
    java.util.Collections.reverse(copy);
    return copy;
  }

  static List<String> names(List<Node> nodes) {
    return nodes.stream().map(n -> n.getMetadata().getName()).toList();
  }

  @Test
  @DisplayName("5 eligible nodes, concurrency 2: the same 2 every time, sorted by name")
  void concurrencyAndDeterminism() {
    Plan plan = Plans.plan("concurrency: 2\nnodeSelector: {}\nupgrade: {image: x}");
    List<String> first = names(NodeSelection.select(plan, "h", FIVE));
    assertThat(first).hasSize(2).isSorted();
    assertThat(names(NodeSelection.select(plan, "h", reversed(FIVE)))).isEqualTo(first);
  }

  @Test
  @DisplayName("done, disabled and hostname-less nodes are skipped; nil selector and 0 select none")
  void eligibility() {
    Plan plan =
        Plans.plan("concurrency: 10\nnodeSelector: {matchLabels: {role: x}}\nupgrade: {image: x}");
    List<Node> nodes =
        List.of(
            Plans.node("a", Map.of(NodeSelection.HOSTNAME_LABEL, "a", "role", "x")),
            Plans.node(
                "b",
                Map.of(
                    NodeSelection.HOSTNAME_LABEL,
                    "b",
                    "role",
                    "x",
                    "plan.upgrade.cattle.io/p",
                    "h")),
            Plans.node(
                "c",
                Map.of(
                    NodeSelection.HOSTNAME_LABEL,
                    "c",
                    "role",
                    "x",
                    "plan.upgrade.cattle.io/p",
                    "disabled")),
            Plans.node("d", Map.of("role", "x")),
            Plans.node(
                "e",
                Map.of(
                    NodeSelection.HOSTNAME_LABEL,
                    "e",
                    "role",
                    "x",
                    "plan.upgrade.cattle.io/p",
                    "old")),
            Plans.node("f", Map.of(NodeSelection.HOSTNAME_LABEL, "f", "role", "y")));
    assertThat(names(NodeSelection.select(plan, "h", nodes))).containsExactly("a", "e");
    assertThat(NodeSelection.select(Plans.plan("concurrency: 10\nupgrade: {image: x}"), "h", FIVE))
        .isEmpty();
    assertThat(NodeSelection.select(Plans.plan("nodeSelector: {}\nupgrade: {image: x}"), "h", FIVE))
        .isEmpty();
  }

  @Test
  @DisplayName("nodes already applying are kept ahead of new ones")
  void applyingFirst() {
    Plan plan = Plans.plan("concurrency: 1\nnodeSelector: {}\nupgrade: {image: x}");
    String chosen = names(NodeSelection.select(plan, "h", FIVE)).get(0);
    String other = chosen.equals("n3") ? "n4" : "n3";
    plan.setStatus(new PlanStatus());
    plan.getStatus().setApplying(List.of(other));
    assertThat(names(NodeSelection.select(plan, "h", FIVE))).containsExactly(other);
  }
}
