package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.crds.upgrade.v1.Plan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanProgressTest {
  @Test
  @DisplayName("total counts selected nodes except disabled ones; done those with the hash")
  void counts() {
    Plan plan =
        Plans.plan("concurrency: 1\nnodeSelector: {matchLabels: {role: x}}\nupgrade: {image: x}");
    String label = NodeSelection.planLabel("p");
    var nodes =
        List.of(
            Plans.node(
                "done", Map.of(NodeSelection.HOSTNAME_LABEL, "done", "role", "x", label, "h")),
            Plans.node("old", Map.of(NodeSelection.HOSTNAME_LABEL, "old", "role", "x", label, "g")),
            Plans.node("new", Map.of(NodeSelection.HOSTNAME_LABEL, "new", "role", "x")),
            Plans.node(
                "off", Map.of(NodeSelection.HOSTNAME_LABEL, "off", "role", "x", label, "disabled")),
            Plans.node("other", Map.of(NodeSelection.HOSTNAME_LABEL, "other", "role", "y")),
            Plans.node("nohost", Map.of("role", "x")));
    PlanProgress progress = PlanProgress.of(plan, "h", nodes, List.of("old", "new"), Set.of("old"));
    assertThat(progress).isEqualTo(new PlanProgress(3, 1, 1, 1));
    assertThat(progress.text()).isEqualTo("1/3");
    assertThat(progress.toStatus().getFailed()).isEqualTo(1);
  }
}
