package io.k3j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.k3j.testsupport.EmbeddedK3j;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-process operators on a real k3j server: each waits for its first object, then runs. */
class InProcessOperatorsIT {
  private static final Set<String> ALL =
      Set.of(
          InProcessOperators.SYSTEM_UPGRADE_CONTROLLER,
          InProcessOperators.LOCAL_REGISTRY,
          InProcessOperators.TELEMETRY_BUFFER,
          InProcessOperators.HELM_CONTROLLER);

  /** A Plan for the server nodes, as upstream's examples write it (LauncherIT applies it too). */
  static final String PLAN =
      """
      apiVersion: upgrade.cattle.io/v1
      kind: Plan
      metadata: {name: k3s-server, namespace: system-upgrade}
      spec:
        concurrency: 1
        version: v1.32.1+k3s1
        nodeSelector:
          matchExpressions:
          - {key: node-role.kubernetes.io/control-plane, operator: In, values: ["true"]}
        upgrade: {image: rancher/k3s-upgrade}
      """;

  @Test
  @DisplayName(
      "on an idle server every operator waits with its CRDs installed; the first Plan starts the"
          + " upgrade controller, which completes it; after a restart the stored Plan starts it"
          + " at once")
  void startsOnFirstObject() throws Exception {
    try (EmbeddedK3j k3j = EmbeddedK3j.start();
        KubernetesClient client = k3j.client()) {
      try (InProcessOperators operators = start(k3j)) {
        await().atMost(Duration.ofMinutes(1)).until(() -> operators.waiting().equals(ALL));
        assertThat(operators.started()).isEmpty();
        for (String crd :
            List.of(
                "plans.upgrade.cattle.io",
                "imagesets.registry.k3j.io",
                "registrymirrors.registry.k3j.io",
                "telemetrybuffers.telemetry.k3j.io",
                "helmcharts.helm.cattle.io")) {
          assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd).get())
              .as(crd)
              .isNotNull();
        }

        plans(client)
            .resource(
                client
                    .getKubernetesSerialization()
                    .unmarshal(PLAN, GenericKubernetesResource.class))
            .create();
        await()
            .atMost(Duration.ofMinutes(2))
            .untilAsserted(
                () -> {
                  GenericKubernetesResource plan = plans(client).withName("k3s-server").get();
                  assertThat(plan.<String>get("status", "latestVersion")).isEqualTo("v1.32.1-k3s1");
                  // No node matches the selector: nothing to do, so the plan is complete.
                  List<Map<String, Object>> conditions = plan.get("status", "conditions");
                  assertThat(conditions)
                      .anySatisfy(
                          c -> {
                            assertThat(c).containsEntry("type", "Complete");
                            assertThat(c).containsEntry("status", "True");
                          });
                });
        assertThat(operators.started())
            .containsExactly(InProcessOperators.SYSTEM_UPGRADE_CONTROLLER);
        assertThat(operators.waiting())
            .containsExactlyInAnyOrder(
                InProcessOperators.LOCAL_REGISTRY,
                InProcessOperators.TELEMETRY_BUFFER,
                InProcessOperators.HELM_CONTROLLER);
      }

      try (InProcessOperators restarted = start(k3j)) {
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () ->
                    restarted.started().contains(InProcessOperators.SYSTEM_UPGRADE_CONTROLLER)
                        && restarted.waiting().size() == 3);
        assertThat(restarted.waiting())
            .doesNotContain(InProcessOperators.SYSTEM_UPGRADE_CONTROLLER);
      }
    }
  }

  private static InProcessOperators start(EmbeddedK3j k3j) {
    return InProcessOperators.start(
        k3j.server(),
        Map.of(),
        Map.of("listen", "127.0.0.1:0", "data-dir", k3j.dataDir().resolve("registry").toString()));
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      plans(KubernetesClient client) {
    return client
        .genericKubernetesResources("upgrade.cattle.io/v1", "Plan")
        .inNamespace("system-upgrade");
  }
}
