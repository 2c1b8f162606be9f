package io.k3j.core.apiserver.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiHttp;
import io.k3j.core.apiserver.Kubectl;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code namespaces/{name}/finalize} and the HTTP codes of deletes that leave the object. */
class FinalizeAndAcceptedIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir static Path dir;
  private static K3jServer server;
  private static Kubectl kubectl;
  private static ApiHttp http;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    kubectl = new Kubectl(server.kubeconfig(), dir.resolve("kube-cache"));
    http = ApiHttp.admin(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Path file(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  @DisplayName(
      "spec.finalizers changes only through /finalize, which deletes a terminating namespace once"
          + " the list is empty")
  void finalizeSubresource() throws Exception {
    kubectl.ok(
        "apply",
        "-f",
        file(
                "stuck.yaml",
                """
                apiVersion: v1
                kind: Namespace
                metadata: {name: stuck}
                spec: {finalizers: [kubernetes, example.com/hold]}
                """)
            .toString());
    ObjectNode namespace =
        (ObjectNode)
            Json.tree(
                kubectl.ok("get", "ns", "stuck", "-o", "json").getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) namespace.path("spec")).putArray("finalizers");
    kubectl.ok("replace", "-f", file("replace.json", namespace.toString()).toString());
    assertThat(kubectl.ok("get", "ns", "stuck", "-o", "jsonpath={.spec.finalizers}"))
        .isEqualTo("[\"kubernetes\",\"example.com/hold\"]");

    kubectl.ok("delete", "ns", "stuck", "--wait=false");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(kubectl.ok("get", "ns", "stuck", "-o", "jsonpath={.spec.finalizers}"))
                    .isEqualTo("[\"example.com/hold\"]"));
    assertThat(kubectl.ok("get", "ns", "stuck", "-o", "jsonpath={.status.phase}"))
        .isEqualTo("Terminating");

    HttpResponse<String> get = http.send(http.request("/api/v1/namespaces/stuck/finalize"));
    assertThat(get.statusCode()).isEqualTo(405);

    ObjectNode terminating =
        (ObjectNode)
            Json.tree(
                kubectl.ok("get", "ns", "stuck", "-o", "json").getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) terminating.path("spec")).putArray("finalizers").add("Not A Name!");
    HttpResponse<String> invalid =
        http.send(
            http.request(
                "PUT",
                "/api/v1/namespaces/stuck/finalize",
                "application/json",
                terminating.toString()));
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(kubectl.ok("get", "ns", "stuck", "-o", "jsonpath={.spec.finalizers}"))
        .isEqualTo("[\"example.com/hold\"]");

    ((ObjectNode) terminating.path("spec")).putArray("finalizers");
    ((ObjectNode) terminating.path("status")).put("phase", "Active");
    String finalized =
        kubectl.ok(
            "replace",
            "--raw",
            "/api/v1/namespaces/stuck/finalize",
            "-f",
            file("finalize.json", terminating.toString()).toString());
    JsonNode answer = Json.tree(finalized.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.path("spec").path("finalizers").isEmpty()).isTrue();
    assertThat(answer.path("status").path("phase").asText()).isEqualTo("Terminating");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(kubectl.run("get", "ns", "stuck").output()).contains("not found"));
  }

  @Test
  @DisplayName(
      "a delete that leaves the object is 202 only with orphanDependents=false, as upstream;"
          + " otherwise 200")
  void acceptedDeletes() throws Exception {
    kubectl.ok("create", "namespace", "codes");
    for (String name : new String[] {"a", "b", "c"}) {
      kubectl.ok(
          "apply",
          "-f",
          file(
                  name + ".yaml",
                  """
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: %s, namespace: codes, finalizers: [example.com/hold]}
                  """
                      .formatted(name))
              .toString());
    }
    String base = "/api/v1/namespaces/codes/configmaps/";
    HttpResponse<String> cascade =
        http.send(
            http.request("DELETE", base + "a", "application/json", "{\"orphanDependents\":false}"));
    assertThat(cascade.statusCode()).isEqualTo(202);
    assertThat(ApiHttp.json(cascade).path("metadata").hasNonNull("deletionTimestamp")).isTrue();
    HttpResponse<String> foreground =
        http.send(
            http.request(
                "DELETE",
                base + "b",
                "application/json",
                "{\"propagationPolicy\":\"Foreground\"}"));
    assertThat(foreground.statusCode()).isEqualTo(200);
    assertThat(ApiHttp.json(foreground).path("kind").asText()).isEqualTo("ConfigMap");
    HttpResponse<String> plain = http.send(http.request(base + "c").DELETE());
    assertThat(plain.statusCode()).isEqualTo(200);

    kubectl.ok("create", "configmap", "gone", "-n", "codes");
    HttpResponse<String> gone =
        http.send(
            http.request(
                "DELETE", base + "gone", "application/json", "{\"orphanDependents\":false}"));
    assertThat(gone.statusCode()).isEqualTo(200);
    assertThat(ApiHttp.json(gone).path("status").asText()).isEqualTo("Success");
  }
}
