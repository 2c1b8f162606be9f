package io.k3j.core.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CustomResourceDefinitions through the real kubectl: established, discovered, served. */
class CustomResourceIT {
  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: widgets.example.k3j.io
      spec:
        group: example.k3j.io
        scope: Namespaced
        names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg]}
        versions:
        - name: v1
          served: true
          storage: true
          subresources:
            status: {}
            scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    size: {type: string}
                    replicas: {type: integer}
                status:
                  type: object
                  properties:
                    replicas: {type: integer}
                    phase: {type: string}
        - name: v1beta1
          served: true
          storage: false
          schema:
            openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """;

  @TempDir static Path dir;
  private static K3jServer server;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    kubectl = new Kubectl(server.kubeconfig(), dir.resolve("kube-cache"));
    kubectl.ok("create", "--validate=false", "-f", file("crd.yaml", CRD));
    kubectl.ok("wait", "--for=condition=Established", "--timeout=5s", "crd/widgets.example.k3j.io");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String file(String name, String yaml) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, yaml);
    return path.toString();
  }

  @Test
  @DisplayName(
      "an Established CRD shows in api-resources and its objects are served in every version")
  void served() throws Exception {
    assertThat(kubectl.ok("api-resources", "--api-group=example.k3j.io"))
        .contains("widgets", "wg", "example.k3j.io/v1", "true", "Widget");
    kubectl.ok(
        "create",
        "--validate=false",
        "-f",
        file(
            "w1.yaml",
            "apiVersion: example.k3j.io/v1\nkind: Widget\nmetadata: {name: w1, namespace:"
                + " default}\nspec: {size: large, replicas: 1}\n"));
    assertThat(kubectl.ok("get", "wg", "w1", "-o", "jsonpath={.spec.size}")).isEqualTo("large");
    assertThat(
            kubectl.ok(
                "get", "widgets.v1beta1.example.k3j.io", "w1", "-o", "jsonpath={.apiVersion}"))
        .isEqualTo("example.k3j.io/v1beta1");
    assertThat(kubectl.ok("get", "widgets", "-o", "name")).contains("widget.example.k3j.io/w1");
  }

  @Test
  @DisplayName("status is written only through /status; spec changes bump generation; scale works")
  void subresources() throws Exception {
    kubectl.ok(
        "create",
        "--validate=false",
        "-f",
        file(
            "w2.yaml",
            "apiVersion: example.k3j.io/v1\nkind: Widget\nmetadata: {name: w2, namespace:"
                + " default}\nspec: {size: small, replicas: 1}\nstatus: {phase: Ignored}\n"));
    assertThat(kubectl.ok("get", "widget", "w2", "-o", "jsonpath={.status.phase}")).isEmpty();
    kubectl.ok(
        "patch",
        "widget",
        "w2",
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"phase\":\"Ready\"}}");
    kubectl.ok("patch", "widget", "w2", "--type=merge", "-p", "{\"status\":{\"phase\":\"Lost\"}}");
    assertThat(kubectl.ok("get", "widget", "w2", "-o", "jsonpath={.status.phase}"))
        .isEqualTo("Ready");
    assertThat(kubectl.ok("get", "widget", "w2", "-o", "jsonpath={.metadata.generation}"))
        .isEqualTo("1");
    kubectl.ok("scale", "widget", "w2", "--replicas=3");
    assertThat(kubectl.ok("get", "widget", "w2", "-o", "jsonpath={.spec.replicas}")).isEqualTo("3");
    assertThat(kubectl.ok("get", "widget", "w2", "-o", "jsonpath={.metadata.generation}"))
        .isEqualTo("2");
  }

  @Test
  @DisplayName("a deleted CRD stops being served and takes its objects with it")
  void deleted() throws Exception {
    String crd =
        CRD.replace("widgets", "gadgets")
            .replace("widget", "gadget")
            .replace("Widget", "Gadget")
            .replace("[wg]", "[gd]");
    kubectl.ok("create", "--validate=false", "-f", file("gadgets.yaml", crd));
    kubectl.ok("wait", "--for=condition=Established", "--timeout=5s", "crd/gadgets.example.k3j.io");
    kubectl.ok(
        "create",
        "--validate=false",
        "-f",
        file(
            "g1.yaml",
            "apiVersion: example.k3j.io/v1\nkind: Gadget\nmetadata: {name: g1, namespace:"
                + " default}\nspec: {size: tiny}\n"));
    kubectl.ok("delete", "crd", "gadgets.example.k3j.io");
    assertThat(kubectl.run("get", "gadgets.example.k3j.io").output())
        .contains("the server doesn't have a resource type");
    assertThat(server.datastore().count("/registry/example.k3j.io/gadgets/")).isZero();
  }
}
