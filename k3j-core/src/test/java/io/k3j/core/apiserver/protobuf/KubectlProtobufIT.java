package io.k3j.core.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.Kubectl;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl's typed {@code create} commands, which send protobuf bodies, against a k3j server started
 * in-process; the objects are read back as JSON.
 */
class KubectlProtobufIT {
  private static final String NS = "pb-demo";
  @TempDir static Path dir;
  private static K3jServer server;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    kubectl("create", "namespace", NS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Runs the real kubectl against the server and fails, with its output, unless it succeeds. */
  private static String kubectl(String... args) throws IOException, InterruptedException {
    return new Kubectl(server.kubeconfig(), dir.resolve("kube-cache")).ok(args);
  }

  private static JsonNode get(String... resource) throws Exception {
    List<String> args = new ArrayList<>(List.of("get"));
    args.addAll(List.of(resource));
    args.addAll(List.of("-o", "json"));
    return Json.tree(kubectl(args.toArray(String[]::new)).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("kubectl create namespace stores a Namespace with server-set metadata only")
  void namespace() throws Exception {
    kubectl("create", "namespace", "pb-ns");

    JsonNode namespace = get("namespace", "pb-ns");

    assertThat(namespace.path("kind").asText()).isEqualTo("Namespace");
    JsonNode metadata = namespace.path("metadata");
    assertThat(metadata.path("name").asText()).isEqualTo("pb-ns");
    assertThat(metadata.path("uid").asText()).isNotEmpty();
    assertThat(metadata.path("creationTimestamp").asText()).endsWith("Z");
    assertThat(metadata.has("generateName")).isFalse();
    assertThat(metadata.has("selfLink")).isFalse();
  }

  @Test
  @DisplayName("kubectl create configmap and secret generic keep data and base64 secret data")
  void configMapAndSecret() throws Exception {
    kubectl(
        "create",
        "configmap",
        "settings",
        "-n",
        NS,
        "--from-literal=mode=fast",
        "--from-literal=empty=");
    kubectl(
        "create",
        "secret",
        "generic",
        "creds",
        "-n",
        NS,
        "--type=Opaque",
        "--from-literal=password=s3cr3t!");

    JsonNode configMap = get("configmap", "settings", "-n", NS);
    JsonNode secret = get("secret", "creds", "-n", NS);

    assertThat(configMap.path("data"))
        .isEqualTo(Json.tree("{\"mode\":\"fast\",\"empty\":\"\"}".getBytes()));
    assertThat(configMap.path("metadata").path("namespace").asText()).isEqualTo(NS);
    assertThat(secret.path("data").path("password").asText()).isEqualTo("czNjcjN0IQ==");
    assertThat(secret.path("type").asText()).isEqualTo("Opaque");
  }

  @Test
  @DisplayName(
      "kubectl create deployment stores exactly the spec its JSON form has, --replicas=0 included")
  void deployment() throws Exception {
    String[] create = {
      "create", "deployment", "web", "-n", NS, "--image=nginx:1.27", "--replicas=0", "--port=80"
    };
    JsonNode asJson =
        Json.tree(
            kubectl(concat(create, "--dry-run=client", "-o", "json"))
                .getBytes(StandardCharsets.UTF_8));
    kubectl(create);

    JsonNode stored = get("deployment", "web", "-n", NS);

    // Everything kubectl sent is stored; the server adds upstream's defaults around it.
    assertContains(stored.path("spec"), asJson.path("spec"), "spec");
    assertThat(stored.path("spec").path("strategy").path("type").asText())
        .isEqualTo("RollingUpdate");
    assertThat(stored.path("status")).isEqualTo(asJson.path("status"));
    JsonNode spec = stored.path("spec");
    assertThat(spec.path("replicas").isInt()).isTrue();
    assertThat(spec.path("replicas").asInt(-1)).isZero();
    JsonNode container = spec.path("template").path("spec").path("containers").path(0);
    assertThat(container.path("image").asText()).isEqualTo("nginx:1.27");
    assertThat(container.path("ports").path(0).path("containerPort").asInt()).isEqualTo(80);
  }

  private static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  @DisplayName("kubectl create job and service clusterip: restart policy, ports, int-or-string")
  void jobAndService() throws Exception {
    kubectl("create", "job", "once", "-n", NS, "--image=busybox:1.36", "--", "echo", "hi");
    kubectl("create", "service", "clusterip", "web", "-n", NS, "--tcp=80:8080");

    JsonNode pod = get("job", "once", "-n", NS).path("spec").path("template").path("spec");
    JsonNode port = get("service", "web", "-n", NS).path("spec").path("ports").path(0);

    assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
    assertThat(pod.path("containers").path(0).path("command"))
        .isEqualTo(Json.tree("[\"echo\",\"hi\"]".getBytes()));
    assertThat(port.path("port").asInt()).isEqualTo(80);
    assertThat(port.path("targetPort").isInt()).isTrue();
    assertThat(port.path("targetPort").asInt()).isEqualTo(8080);
  }

  @Test
  @DisplayName("kubectl create serviceaccount, role and priorityclass store their fields")
  void accountsRolesPriorities() throws Exception {
    kubectl("create", "serviceaccount", "robot", "-n", NS);
    kubectl("create", "role", "reader", "-n", NS, "--verb=get,list", "--resource=pods");
    kubectl(
        "create",
        "priorityclass",
        "batch-low",
        "--value=0",
        "--preemption-policy=Never",
        "--description=background work");

    assertThat(get("serviceaccount", "robot", "-n", NS).path("metadata").path("name").asText())
        .isEqualTo("robot");
    JsonNode rule = get("role", "reader", "-n", NS).path("rules").path(0);
    assertThat(rule.path("apiGroups")).isEqualTo(Json.tree("[\"\"]".getBytes()));
    assertThat(rule.path("resources")).isEqualTo(Json.tree("[\"pods\"]".getBytes()));
    assertThat(rule.path("verbs")).isEqualTo(Json.tree("[\"get\",\"list\"]".getBytes()));
    JsonNode priority = get("priorityclass", "batch-low");
    assertThat(priority.path("value").isInt()).isTrue();
    assertThat(priority.path("value").asInt(-1)).isZero();
    assertThat(priority.path("preemptionPolicy").asText()).isEqualTo("Never");
    assertThat(priority.path("description").asText()).isEqualTo("background work");
  }

  /** Every field of {@code expected} is in {@code actual} with the same value. */
  private static void assertContains(JsonNode actual, JsonNode expected, String path) {
    if (expected.isObject()) {
      expected
          .fields()
          .forEachRemaining(
              field ->
                  assertContains(
                      actual.path(field.getKey()), field.getValue(), path + "." + field.getKey()));
    } else if (expected.isArray()) {
      assertThat(actual.size()).as(path).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertContains(actual.path(i), expected.get(i), path + "[" + i + "]");
      }
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
