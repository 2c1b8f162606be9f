package io.k3j.core.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.Kubectl;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client-side {@code kubectl apply} and {@code kubectl patch --type strategic} against k3j. */
class StrategicMergeKubectlIT {
  private static final String NAMESPACE = "smp";

  @TempDir static Path dir;
  private static K3jServer server;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    kubectl("create", "namespace", NAMESPACE);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Runs the real kubectl against the server; fails the test, with its output, unless it succeeds.
   */
  private static String kubectl(String... args) throws IOException, InterruptedException {
    return new Kubectl(server.kubeconfig(), dir.resolve("kube-cache")).ok(args);
  }

  private static void apply(String yaml) throws Exception {
    Path file = dir.resolve("deployment.yaml");
    Files.writeString(file, yaml);
    kubectl("apply", "-n", NAMESPACE, "-f", file.toString());
  }

  private static JsonNode podSpec(String deployment) throws Exception {
    String json = kubectl("get", "deployment", deployment, "-n", NAMESPACE, "-o", "json");
    return Json.tree(json.getBytes(StandardCharsets.UTF_8)).at("/spec/template/spec");
  }

  private static String deployment(String name, String containers) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
        spec:
          replicas: 1
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
            spec:
              containers:
        %s"""
        .formatted(name, name, name, containers.stripTrailing().indent(8));
  }

  @Test
  @DisplayName("apply, edit the file, apply again: the object has exactly what the file says")
  void applyRoundTrips() throws Exception {
    apply(
        deployment(
            "web",
            """
            - name: app
              image: nginx:1.25
              env:
              - {name: A, value: "1"}
              - {name: B, value: "2"}
            - name: sidecar
              image: busybox:1.36
              env:
              - {name: X, value: "x"}
            """));
    assertThat(podSpec("web").path("containers")).hasSize(2);

    apply(
        deployment(
            "web",
            """
            - name: app
              image: nginx:1.26
              env:
              - {name: A, value: "1"}
            """));

    JsonNode containers = podSpec("web").path("containers");
    assertThat(containers).hasSize(1);
    assertThat(containers.get(0).path("name").asText()).isEqualTo("app");
    assertThat(containers.get(0).path("image").asText()).isEqualTo("nginx:1.26");
    assertThat(containers.get(0).path("env"))
        .isEqualTo(
            Json.tree("[{\"name\":\"A\",\"value\":\"1\"}]".getBytes(StandardCharsets.UTF_8)));
    assertThat(kubectl("get", "deployment", "web", "-n", NAMESPACE, "-o", "json"))
        .doesNotContain("$patch", "$setElementOrder", "$retainKeys");
  }

  @Test
  @DisplayName(
      "kubectl patch --type strategic merges a container by name and $patch: delete removes it")
  void patchStrategic() throws Exception {
    apply(deployment("api", "- {name: app, image: nginx:1.25}\n"));

    kubectl(
        "patch",
        "deployment",
        "api",
        "-n",
        NAMESPACE,
        "--type",
        "strategic",
        "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"helper\",\"image\":\"busybox:1.36\"}]}}}}");
    // As upstream (the kubectl patch task in the Kubernetes docs), new items come first.
    assertThat(podSpec("api").path("containers").findValuesAsText("name"))
        .containsExactly("helper", "app");

    kubectl(
        "patch",
        "deployment",
        "api",
        "-n",
        NAMESPACE,
        "--type",
        "strategic",
        "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"$patch\":\"delete\",\"name\":\"app\"}]}}}}");
    JsonNode containers = podSpec("api").path("containers");
    assertThat(containers.findValuesAsText("name")).containsExactly("helper");
    assertThat(containers.get(0).path("image").asText()).isEqualTo("busybox:1.36");
  }
}
