package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.suc.ControllerConfig;
import java.util.Map;

/** Test fixtures: plans written as users write them, nodes, a default configuration. */
final class Plans {
  private Plans() {}

  static Plan plan(String yamlSpec) {
    Plan plan =
        Serialization.unmarshal(
            "apiVersion: upgrade.cattle.io/v1\nkind: Plan\n"
                + "metadata: {name: p, namespace: system-upgrade, uid: plan-uid}\nspec:\n"
                + yamlSpec.indent(2),
            Plan.class);
    return plan;
  }

  static Node node(String name, Map<String, String> labels) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid("uid-" + name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  static Node node(String name) {
    return node(name, Map.of(NodeSelection.HOSTNAME_LABEL, name));
  }

  static LabelSelector all() {
    return new LabelSelector();
  }

  static ControllerConfig config() {
    return ControllerConfig.fromEnv(
        Map.of(
            "SYSTEM_UPGRADE_CONTROLLER_NAME", "system-upgrade-controller",
            "SYSTEM_UPGRADE_CONTROLLER_NAMESPACE", "system-upgrade"));
  }
}
