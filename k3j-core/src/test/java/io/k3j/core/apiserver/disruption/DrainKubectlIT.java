package io.k3j.core.apiserver.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.core.apiserver.Kubectl;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl drain} of a node whose only pod is covered by a PodDisruptionBudget: the node is
 * cordoned, the eviction is refused with 429 until the budget is relaxed, then the pod is evicted.
 */
class DrainKubectlIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir static Path dir;
  private static K3jServer server;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    kubectl = new Kubectl(server.kubeconfig(), dir.resolve("kube-cache"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName(
      "drain is blocked by a PDB with no disruption allowed, and evicts once it allows one")
  void drainHonoursTheBudget() throws Exception {
    apply(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: edge-1}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: nginx}]
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web, namespace: shop}
        spec:
          minAvailable: 1
          selector: {matchLabels: {app: web}}
        """);
    String replicaSetUid =
        kubectl.ok("get", "rs", "web", "-n", "shop", "-o", "jsonpath={.metadata.uid}");
    apply(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: shop
          labels: {app: web}
          ownerReferences:
          - {apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: %s, controller: true}
        spec:
          nodeName: edge-1
          terminationGracePeriodSeconds: 0
          containers: [{name: web, image: nginx}]
          volumes: [{name: scratch, emptyDir: {}}]
        """
            .formatted(replicaSetUid));
    kubectl.ok(
        "patch",
        "pod",
        "web-1",
        "-n",
        "shop",
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
    awaitBudget("1/1/1/0");

    Kubectl.Result blocked =
        kubectl.run(
            "drain", "edge-1", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=12s");
    assertThat(blocked.exitCode()).as(blocked.output()).isNotZero();
    assertThat(blocked.output())
        .contains("Cannot evict pod as it would violate the pod's disruption budget.");
    assertThat(kubectl.ok("get", "node", "edge-1", "-o", "jsonpath={.spec.unschedulable}"))
        .isEqualTo("true");
    assertThat(kubectl.ok("get", "pod", "web-1", "-n", "shop", "-o", "name"))
        .isEqualTo("pod/web-1");

    kubectl.ok(
        "patch",
        "pdb",
        "web",
        "-n",
        "shop",
        "--type=merge",
        "-p",
        "{\"spec\":{\"minAvailable\":0}}");
    awaitBudget("1/0/1/1");
    String drained =
        kubectl.ok(
            "drain", "edge-1", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=60s");
    assertThat(drained).contains("pod/web-1 evicted").contains("node/edge-1 drained");
    assertThat(kubectl.run("get", "pod", "web-1", "-n", "shop").output()).contains("not found");
    awaitBudget("0/0/0/0");
  }

  /** Waits for currentHealthy/desiredHealthy/expectedPods/disruptionsAllowed of budget web. */
  private static void awaitBudget(String expected) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () ->
                assertThat(
                        kubectl.ok(
                            "get",
                            "pdb",
                            "web",
                            "-n",
                            "shop",
                            "-o",
                            "jsonpath={.status.currentHealthy}/{.status.desiredHealthy}/"
                                + "{.status.expectedPods}/{.status.disruptionsAllowed}"))
                    .isEqualTo(expected));
  }

  private static void apply(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "manifest", ".yaml");
    Files.writeString(file, yaml);
    kubectl.ok("apply", "-f", file.toString());
  }
}
