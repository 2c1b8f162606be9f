package io.k3j.core.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubectl session a user runs against a fresh k3j server: every command as it is typed,
 * validation on, no flags to work around the server.
 */
class KubectlScenarioIT {
  private static final String CONFIG =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app-config
        namespace: shop
        labels: {app: shop, tier: web}
      data:
        mode: fast
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: db-config
        namespace: shop
        labels: {app: shop, tier: db}
      data:
        mode: safe
      ---
      apiVersion: v1
      kind: Secret
      metadata:
        name: db-password
        namespace: shop
      stringData:
        password: s3cr3t
      """;

  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: sensors.edge.k3j.io
      spec:
        group: edge.k3j.io
        scope: Namespaced
        names: {plural: sensors, singular: sensor, kind: Sensor, shortNames: [sen]}
        versions:
        - name: v1
          served: true
          storage: true
          subresources: {status: {}}
          additionalPrinterColumns:
          - {name: Unit, type: string, jsonPath: .spec.unit}
          - {name: Interval, type: integer, jsonPath: .spec.intervalSeconds}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  required: [unit]
                  properties:
                    unit: {type: string, enum: [celsius, kelvin]}
                    intervalSeconds: {type: integer, minimum: 1, default: 60}
                status:
                  type: object
                  properties:
                    reading: {type: number}
      """;

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

  private static String file(String name, String yaml) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, yaml);
    return path.toString();
  }

  @Test
  @DisplayName(
      "version, namespaces, apply, get in every format, label, annotate, patch, replace, wait, delete")
  void session() throws Exception {
    assertThat(kubectl.ok("version")).contains("Server Version: v1.32.0+k3j");
    assertThat(kubectl.ok("api-resources"))
        .contains("configmaps", "deployments", "customresourcedefinitions");
    kubectl.ok("create", "namespace", "shop");
    assertThat(kubectl.ok("apply", "-f", file("config.yaml", CONFIG)))
        .contains("configmap/app-config created", "secret/db-password created");

    assertThat(kubectl.ok("get", "cm", "-n", "shop", "-l", "app=shop,tier in (web)", "-o", "name"))
        .isEqualTo("configmap/app-config");
    assertThat(kubectl.ok("get", "cm", "-n", "shop", "-l", "tier!=web", "-o", "name"))
        .contains("configmap/db-config")
        .doesNotContain("app-config");
    assertThat(kubectl.ok("get", "cm", "app-config", "-n", "shop", "-o", "json"))
        .contains("\"mode\": \"fast\"");
    assertThat(kubectl.ok("get", "cm", "app-config", "-n", "shop", "-o", "yaml"))
        .contains("mode: fast", "resourceVersion:");
    assertThat(kubectl.ok("get", "cm", "-n", "shop", "-o", "wide")).contains("NAME", "DATA", "AGE");
    assertThat(
            kubectl.ok(
                "get", "secret", "db-password", "-n", "shop", "-o", "jsonpath={.data.password}"))
        .isEqualTo("czNjcjN0");
    assertThat(
            kubectl.ok(
                "get",
                "cm",
                "-n",
                "shop",
                "-o",
                "custom-columns=NAME:.metadata.name,MODE:.data.mode",
                "--sort-by=.metadata.name"))
        .containsPattern("app-config\\s+fast")
        .containsPattern("db-config\\s+safe");

    kubectl.ok("label", "cm", "app-config", "-n", "shop", "release=stable");
    kubectl.ok("annotate", "cm", "app-config", "-n", "shop", "owner=ops");
    kubectl.ok(
        "patch",
        "cm",
        "app-config",
        "-n",
        "shop",
        "--type",
        "merge",
        "-p",
        "{\"data\":{\"mode\":\"eco\"}}");
    kubectl.ok(
        "patch",
        "cm",
        "app-config",
        "-n",
        "shop",
        "--type",
        "json",
        "-p",
        "[{\"op\":\"test\",\"path\":\"/data/mode\",\"value\":\"eco\"},"
            + "{\"op\":\"add\",\"path\":\"/data/extra\",\"value\":\"1\"}]");
    assertThat(
            kubectl.ok(
                "get",
                "cm",
                "app-config",
                "-n",
                "shop",
                "-o",
                "jsonpath={.metadata.labels.release} {.metadata.annotations.owner} {.data.mode}"
                    + " {.data.extra}"))
        .isEqualTo("stable ops eco 1");
    assertThat(
            kubectl
                .run(
                    "patch",
                    "cm",
                    "app-config",
                    "-n",
                    "shop",
                    "--type",
                    "json",
                    "-p",
                    "[{\"op\":\"test\",\"path\":\"/data/mode\",\"value\":\"wrong\"}]")
                .exitCode())
        .isNotZero();

    String replaced =
        kubectl
            .ok("get", "cm", "db-config", "-n", "shop", "-o", "yaml")
            .replace("mode: safe", "mode: replaced");
    kubectl.ok("replace", "-f", file("replace.yaml", replaced));
    assertThat(kubectl.ok("get", "cm", "db-config", "-n", "shop", "-o", "jsonpath={.data.mode}"))
        .isEqualTo("replaced");
    assertThat(kubectl.run("replace", "-f", file("stale.yaml", replaced)).output())
        .contains("the object has been modified");

    kubectl.ok(
        "wait", "cm/app-config", "-n", "shop", "--for=jsonpath={.data.mode}=eco", "--timeout=10s");
    kubectl.ok("delete", "cm", "db-config", "-n", "shop", "--wait=false");
    kubectl.ok("wait", "cm/db-config", "-n", "shop", "--for=delete", "--timeout=10s");
    assertThat(kubectl.run("get", "cm", "db-config", "-n", "shop").output()).contains("NotFound");
  }

  @Test
  @DisplayName("--dry-run=server runs every check and stores nothing, for create, patch and apply")
  void dryRun() throws Exception {
    kubectl.ok("create", "namespace", "dry");
    assertThat(
            kubectl.ok(
                "create",
                "configmap",
                "ghost",
                "-n",
                "dry",
                "--from-literal=a=1",
                "--dry-run=server",
                "-o",
                "jsonpath={.data.a}"))
        .isEqualTo("1");
    assertThat(kubectl.run("get", "cm", "ghost", "-n", "dry").output()).contains("NotFound");
    kubectl.ok("create", "configmap", "real", "-n", "dry", "--from-literal=a=1");
    kubectl.ok(
        "patch",
        "cm",
        "real",
        "-n",
        "dry",
        "--type",
        "merge",
        "-p",
        "{\"data\":{\"a\":\"2\"}}",
        "--dry-run=server");
    assertThat(kubectl.ok("get", "cm", "real", "-n", "dry", "-o", "jsonpath={.data.a}"))
        .isEqualTo("1");
    String invalid =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"Bad_Name\", namespace: dry}\n";
    assertThat(kubectl.run("apply", "--dry-run=server", "-f", file("bad.yaml", invalid)).output())
        .contains("Invalid value: \"Bad_Name\"");
  }

  @Test
  @DisplayName("kubectl apply refuses an unknown field (strict validation on the server)")
  void strictValidation() throws Exception {
    kubectl.ok("create", "namespace", "strict");
    String bad =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo, namespace: strict}\n"
            + "dta: {a: b}\n";
    assertThat(kubectl.run("apply", "-f", file("typo.yaml", bad)).output())
        .contains("unknown field \"dta\"");
    assertThat(kubectl.run("get", "cm", "typo", "-n", "strict").output()).contains("NotFound");
  }

  @Test
  @DisplayName(
      "a CRD applied with kubectl is Established, listed, and its resources validated and printed")
  void customResources() throws Exception {
    kubectl.ok("apply", "-f", file("crd.yaml", CRD));
    kubectl.ok("wait", "--for=condition=Established", "crd/sensors.edge.k3j.io", "--timeout=10s");
    assertThat(kubectl.ok("api-resources", "--api-group=edge.k3j.io")).contains("sensors", "sen");
    kubectl.ok("create", "namespace", "plant");
    kubectl.ok(
        "apply",
        "-f",
        file(
            "sensor.yaml",
            "apiVersion: edge.k3j.io/v1\nkind: Sensor\nmetadata: {name: boiler, namespace:"
                + " plant}\nspec: {unit: celsius}\n"));
    assertThat(kubectl.ok("get", "sensors", "-n", "plant"))
        .containsPattern("NAME\\s+UNIT\\s+INTERVAL")
        .containsPattern("boiler\\s+celsius\\s+60");
    assertThat(
            kubectl
                .run(
                    "apply",
                    "-f",
                    file(
                        "bad-sensor.yaml",
                        "apiVersion: edge.k3j.io/v1\nkind: Sensor\nmetadata: {name: broken,"
                            + " namespace: plant}\nspec: {unit: fahrenheit}\n"))
                .output())
        .contains("Unsupported value: \"fahrenheit\"");
  }

  @Test
  @DisplayName("kubectl get -w prints ADDED, MODIFIED and DELETED as they happen")
  void watch() throws Exception {
    kubectl.ok("create", "namespace", "watched");
    kubectl.ok("create", "configmap", "live", "-n", "watched", "--from-literal=a=1");
    Process watch = kubectl.start("get", "cm", "-n", "watched", "-w", "--output-watch-events");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out = watch.inputReader(StandardCharsets.UTF_8)) {
                out.lines().forEach(lines::add);
              } catch (java.io.IOException e) {
                // stopped
              }
            });
    reader.start();
    // The list shows the object as ADDED; the watch then starts from the list's resourceVersion,
    // so the changes below are seen whenever they land.
    awaitLine(lines, "ADDED");
    kubectl.ok("label", "cm", "live", "-n", "watched", "x=y");
    awaitLine(lines, "MODIFIED");
    kubectl.ok("delete", "cm", "live", "-n", "watched");
    awaitLine(lines, "DELETED");
    watch.destroy();
    reader.join(5_000);
  }

  private static void awaitLine(BlockingQueue<String> lines, String word) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.contains(word)) {
        return;
      }
    }
    throw new AssertionError("kubectl get -w printed no line with " + word);
  }
}
