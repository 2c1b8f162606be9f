package io.k3j.core.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl, unchanged, against a k3j server started in-process. */
class KubectlIT {
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

  private static String namespace(String name) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
  }

  private static String manifest(String file, String yaml) throws java.io.IOException {
    Path path = dir.resolve(file);
    java.nio.file.Files.writeString(path, yaml);
    return path.toString();
  }

  @Test
  @DisplayName("kubectl version shows the server version")
  void version() throws Exception {
    assertThat(kubectl.ok("version")).contains("Server Version: v1.32.0+k3j");
  }

  @Test
  @DisplayName("the system namespaces exist; kubectl creates, gets and deletes a namespace")
  void namespaces() throws Exception {
    assertThat(kubectl.ok("get", "namespaces", "-o", "name"))
        .contains("namespace/default", "namespace/kube-system", "namespace/kube-public");
    kubectl.ok("create", "--validate=false", "-f", manifest("demo-ns.yaml", namespace("demo-ns")));
    assertThat(kubectl.ok("get", "ns", "demo-ns", "-o", "jsonpath={.metadata.name}"))
        .isEqualTo("demo-ns");
    kubectl.ok("delete", "namespace", "demo-ns", "--timeout=30s");
    assertThat(kubectl.run("get", "ns", "demo-ns").output()).contains("NotFound");
  }

  @Test
  @DisplayName("kubectl creates, labels, selects, patches and deletes a ConfigMap")
  void configMaps() throws Exception {
    kubectl.ok("create", "--validate=false", "-f", manifest("cm-test.yaml", namespace("cm-test")));
    kubectl.ok(
        "create",
        "--validate=false",
        "-n",
        "cm-test",
        "-f",
        manifest(
            "settings.yaml",
            """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          mode: fast
        """));
    assertThat(kubectl.ok("get", "cm", "settings", "-n", "cm-test", "-o", "jsonpath={.data.mode}"))
        .isEqualTo("fast");
    kubectl.ok("label", "configmap", "settings", "-n", "cm-test", "tier=edge");
    assertThat(kubectl.ok("get", "cm", "-n", "cm-test", "-l", "tier=edge", "-o", "name"))
        .isEqualTo("configmap/settings");
    assertThat(kubectl.ok("get", "cm", "-n", "cm-test", "-l", "tier!=edge", "-o", "name"))
        .isEmpty();
    kubectl.ok(
        "patch",
        "cm",
        "settings",
        "-n",
        "cm-test",
        "--type",
        "merge",
        "-p",
        "{\"data\":{\"mode\":\"safe\"}}");
    kubectl.ok(
        "patch",
        "cm",
        "settings",
        "-n",
        "cm-test",
        "--type",
        "json",
        "-p",
        "[{\"op\":\"add\",\"path\":\"/data/extra\",\"value\":\"1\"}]");
    assertThat(
            kubectl.ok(
                "get",
                "cm",
                "settings",
                "-n",
                "cm-test",
                "-o",
                "jsonpath={.data.mode},{.data.extra}"))
        .isEqualTo("safe,1");
    kubectl.ok("delete", "cm", "settings", "-n", "cm-test");
    assertThat(kubectl.run("get", "cm", "settings", "-n", "cm-test").output())
        .contains("configmaps \"settings\" not found");
  }

  @Test
  @DisplayName("an object in a missing namespace or with an invalid name is refused and not stored")
  void badInput() throws Exception {
    Kubectl.Result missing =
        kubectl.run(
            "create",
            "--validate=false",
            "-n",
            "no-such-ns",
            "-f",
            manifest(
                "x.yaml",
                """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: x
            """));
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.output()).contains("namespaces \"no-such-ns\" not found");
    Kubectl.Result invalid =
        kubectl.run(
            "create", "--validate=false", "-f", manifest("bad.yaml", namespace("Not_Valid")));
    assertThat(invalid.exitCode()).isNotZero();
    assertThat(invalid.output()).contains("is invalid").contains("RFC 1123");
    assertThat(kubectl.ok("get", "ns", "-o", "name")).doesNotContain("Not_Valid");
  }
}
