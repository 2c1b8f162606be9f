package io.k3j.core.apiserver.openapi;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl's OpenAPI v3 clients (apply validation, strategic merge, explain) against k3j. */
class OpenApiKubectlIT {
  private static final Pattern INDEX_LATENCY =
      Pattern.compile("GET \\S+/openapi/v3 200 OK in (\\d+) milliseconds");

  @TempDir static Path dir;
  private static K3jServer server;
  private static String firstIndexRequest;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    firstIndexRequest = ok("get", "--raw", "/openapi/v3", "-v=6");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Kubectl.Result kubectl(String... args) throws IOException, InterruptedException {
    return new Kubectl(server.kubeconfig(), dir.resolve("kube-cache")).run(args);
  }

  private static String ok(String... args) throws IOException, InterruptedException {
    Kubectl.Result result = kubectl(args);
    assertThat(result.exitCode())
        .as("kubectl %s:%n%s", String.join(" ", args), result.output())
        .isZero();
    return result.output();
  }

  private static String file(String name, String yaml) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, yaml);
    return path.toString();
  }

  private static String namespace(String name) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n---\n";
  }

  private static String configMap(String namespace, String mode) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: %s
        data:
          mode: %s
        ---
        """
        .formatted(namespace, mode);
  }

  private static String deployment(String namespace, int replicas, String image, String extra) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: %s
        spec:
          replicas: %d
          %s
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: %s
                ports:
                - containerPort: 8080
                env:
                - {name: MODE, value: fast}
        ---
        """
        .formatted(namespace, replicas, extra, image);
  }

  private static String service(String namespace) {
    return """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: %s
        spec:
          selector: {app: web}
          ports:
          - port: 80
            targetPort: 8080
        """
        .formatted(namespace);
  }

  @Test
  @DisplayName(
      "kubectl apply, with validation on, creates then updates a ConfigMap, Deployment and Service")
  void applyWithValidation() throws Exception {
    String created =
        ok(
            "apply",
            "-f",
            file(
                "app-v1.yaml",
                namespace("apply-test")
                    + configMap("apply-test", "fast")
                    + deployment("apply-test", 1, "nginx:1.27", "")
                    + service("apply-test")));
    assertThat(created)
        .contains(
            "namespace/apply-test created",
            "configmap/settings created",
            "deployment.apps/web created",
            "service/web created")
        .doesNotContain("openapi", "warning");
    String updated =
        ok(
            "apply",
            "-f",
            file(
                "app-v2.yaml",
                configMap("apply-test", "safe") + deployment("apply-test", 3, "nginx:1.27", "")));
    assertThat(updated)
        .contains("configmap/settings configured", "deployment.apps/web configured")
        .doesNotContain("warning");
    assertThat(
            ok(
                "get",
                "-n",
                "apply-test",
                "configmap/settings",
                "deployment/web",
                "-o",
                "jsonpath={.items[*].data.mode}{.items[*].spec.replicas}"))
        .isEqualTo("safe3");
  }

  @Test
  @DisplayName("kubectl builds strategic merge patches with the merge keys from OpenAPI v3")
  void strategicMergeFromOpenApi() throws Exception {
    ok(
        "apply",
        "-f",
        file("smp-v1.yaml", namespace("smp-test") + deployment("smp-test", 1, "nginx:1.27", "")));
    String update =
        ok("apply", "-v=8", "-f", file("smp-v2.yaml", deployment("smp-test", 1, "nginx:1.28", "")));
    assertThat(update)
        .contains("GET https://127.0.0.1:" + server.port() + "/openapi/v3/apis/apps/v1?hash=")
        .contains("Content-Type: application/strategic-merge-patch+json")
        // Only a list with a patch merge key (containers[name]) gets an element order directive.
        .contains("$setElementOrder/containers")
        .doesNotContain("error calculating patch from openapi");
  }

  @Test
  @DisplayName(
      "with an unknown field, kubectl leaves strict validation to the server (fieldValidation=Strict)")
  void unknownFieldValidatedStrictly() throws Exception {
    ok("apply", "-f", file("strict-ns.yaml", namespace("strict-test")));
    Kubectl.Result result =
        kubectl(
            "apply",
            "-v=6",
            "-f",
            file("strict.yaml", deployment("strict-test", 1, "nginx:1.27", "replicaz: 2")));
    assertThat(result.output())
        .doesNotContain("failed to download openapi")
        .containsPattern(
            "POST https://127\\.0\\.0\\.1:\\d+/apis/apps/v1/namespaces/strict-test/deployments"
                + "\\?fieldManager=kubectl-client-side-apply&fieldValidation=Strict");
  }

  @Test
  @DisplayName("kubectl explain prints the fields of deployment.spec.template.spec.containers")
  void explain() throws Exception {
    String containers = ok("explain", "deployment.spec.template.spec.containers");
    assertThat(containers)
        .contains("GROUP:      apps", "KIND:       Deployment", "VERSION:    v1")
        .contains("FIELD: containers <[]Container>")
        .containsPattern("\\n  image\\s+<string>")
        .containsPattern("\\n  ports\\s+<\\[\\]ContainerPort>")
        .containsPattern("\\n  resources\\s+<ResourceRequirements>");
    assertThat(ok("explain", "configmap")).containsPattern("\\n  data\\s+<map\\[string\\]string>");
  }

  @Test
  @DisplayName("the first /openapi/v3 request, which builds every document, is answered promptly")
  void firstRequestLatency() throws Exception {
    Matcher first = INDEX_LATENCY.matcher(firstIndexRequest);
    assertThat(first.find()).as(firstIndexRequest).isTrue();
    Matcher again = INDEX_LATENCY.matcher(ok("get", "--raw", "/openapi/v3", "-v=6"));
    assertThat(again.find()).isTrue();
    System.out.printf(
        "/openapi/v3: first request %s ms, cached %s ms%n", first.group(1), again.group(1));
    assertThat(Long.parseLong(first.group(1))).isLessThan(10_000);
  }

  @Test
  @DisplayName("/openapi/v3 lists the group-versions; /openapi/v2 is a 404 so clients use v3")
  void rawEndpoints() throws Exception {
    JsonNode index = Json.tree(ok("get", "--raw", "/openapi/v3").getBytes(StandardCharsets.UTF_8));
    assertThat(index.path("paths").path("apis/apps/v1").path("serverRelativeURL").asText())
        .startsWith("/openapi/v3/apis/apps/v1?hash=");
    Kubectl.Result v2 = kubectl("get", "--raw", "/openapi/v2");
    assertThat(v2.exitCode()).isNotZero();
    assertThat(v2.output()).contains("NotFound");
  }
}
