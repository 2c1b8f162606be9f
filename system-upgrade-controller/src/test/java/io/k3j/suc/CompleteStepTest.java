package io.k3j.suc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.suc.model.NodeCordons;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CompleteStepTest {
  static Plan plan(String yamlSpec) {
    return Serialization.unmarshal(
        "apiVersion: upgrade.cattle.io/v1\nkind: Plan\n"
            + "metadata: {name: p, namespace: system-upgrade}\nspec:\n"
            + yamlSpec.indent(2),
        Plan.class);
  }

  static Node node(boolean unschedulable, Map<String, String> annotations) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName("n1")
        .withLabels(Map.of("kubernetes.io/hostname", "n1"))
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withUnschedulable(unschedulable)
        .endSpec()
        .build();
  }

  static JsonNode patch(Plan plan, Node node) {
    return Serialization.unmarshal(
        CompleteStep.patch(plan, node, "v2", "h2", "system-upgrade/p"), JsonNode.class);
  }

  @Test
  @DisplayName("a done node gets the hash and post-complete labels, nothing else")
  void labels() {
    Plan plan =
        plan(
            "concurrency: 1\nnodeSelector: {}\nupgrade: {image: x}\n"
                + "postCompleteLabels: {k3s: $(LATEST_VERSION)-$(LATEST_HASH)}");
    JsonNode patch = patch(plan, node(true, Map.of()));
    assertThat(patch.toString())
        .isEqualTo(
            "{\"metadata\":{\"labels\":{\"k3s\":\"v2-h2\",\"plan.upgrade.cattle.io/p\":\"h2\"}}}");
  }

  @Test
  @DisplayName("a plan that cordons uncordons the node and forgets itself in the cordon record")
  void uncordon() {
    Plan plan = plan("concurrency: 1\nnodeSelector: {}\nupgrade: {image: x}\ncordon: true");
    JsonNode alone = patch(plan, node(true, Map.of(NodeCordons.ANNOTATION, "system-upgrade/p")));
    assertThat(alone.at("/spec/unschedulable").asBoolean(true)).isFalse();
    assertThat(alone.at("/metadata/annotations").has(NodeCordons.ANNOTATION)).isTrue();
    assertThat(
            alone.at("/metadata/annotations/" + NodeCordons.ANNOTATION.replace("/", "~1")).isNull())
        .isTrue();

    JsonNode shared =
        patch(plan, node(false, Map.of(NodeCordons.ANNOTATION, "other/q,system-upgrade/p")));
    assertThat(shared.has("spec")).isFalse();
    assertThat(
            shared
                .at("/metadata/annotations/" + NodeCordons.ANNOTATION.replace("/", "~1"))
                .asText())
        .isEqualTo("other/q");
  }
}
