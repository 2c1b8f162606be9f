package io.k3j.core.apiserver.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deletion, finalizers, garbage collection and namespace termination through the real kubectl. */
class DeletionKubectlIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static K3jServer server;

  @BeforeAll
  static void start() {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("a finalizer holds a deleted object; kubectl delete waits until a patch removes it")
  void finalizerFlow() throws Exception {
    namespace("fin");
    create(configMap("fin", "held", "", "finalizers: [example.com/hold]"));
    assertThat(kubectl("delete", "cm", "held", "-n", "fin", "--wait=false"))
        .contains("configmap \"held\" deleted");
    assertThat(
            kubectl(
                "get",
                "cm",
                "held",
                "-n",
                "fin",
                "-o",
                "jsonpath={.metadata.deletionGracePeriodSeconds},{.metadata.finalizers}"))
        .isEqualTo("0,[\"example.com/hold\"]");
    assertThat(
            run(
                "patch",
                "cm",
                "held",
                "-n",
                "fin",
                "--type=json",
                "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/finalizers/-\",\"value\":\"example.com/more\"}]"))
        .contains("no new finalizers can be added if the object is being deleted");

    deleteWaitsForRelease("fin", "held", "cm", "held", "-n", "fin");
    assertThat(run("get", "cm", "held", "-n", "fin")).contains("not found");
  }

  @Test
  @DisplayName("Background: the owner goes at once, the collector deletes the whole chain")
  void background() throws Exception {
    namespace("bg");
    chain("bg", false);
    kubectl("delete", "cm", "owner", "-n", "bg");
    awaitGone("bg", "cm/child", "cm/grandchild");
  }

  @Test
  @DisplayName(
      "Foreground: the owner stays with foregroundDeletion until its blocking chain is gone")
  void foreground() throws Exception {
    namespace("fg");
    chain("fg", true);
    kubectl(
        "patch",
        "cm",
        "grandchild",
        "-n",
        "fg",
        "--type=merge",
        "-p",
        "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}");
    kubectl("delete", "cm", "owner", "-n", "fg", "--cascade=foreground", "--wait=false");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                run(
                        "get",
                        "cm",
                        "grandchild",
                        "-n",
                        "fg",
                        "-o",
                        "jsonpath={.metadata.deletionTimestamp}")
                    .matches("\\d{4}-.*"));
    assertThat(kubectl("get", "cm", "owner", "-n", "fg", "-o", "jsonpath={.metadata.finalizers}"))
        .isEqualTo("[\"foregroundDeletion\"]");
    assertThat(kubectl("get", "cm", "child", "-n", "fg", "-o", "jsonpath={.metadata.finalizers}"))
        .isEqualTo("[\"foregroundDeletion\"]");
    release("fg", "grandchild");
    awaitGone("fg", "cm/grandchild", "cm/child", "cm/owner");
  }

  @Test
  @DisplayName("Orphan: the owner goes and its dependents stay without the reference")
  void orphan() throws Exception {
    namespace("orph");
    chain("orph", true);
    kubectl("delete", "cm", "owner", "-n", "orph", "--cascade=orphan");
    assertThat(run("get", "cm", "owner", "-n", "orph")).contains("not found");
    assertThat(
            kubectl(
                "get", "cm", "child", "-n", "orph", "-o", "jsonpath={.metadata.ownerReferences}"))
        .isEmpty();
    assertThat(kubectl("get", "cm", "grandchild", "-n", "orph", "-o", "name"))
        .isEqualTo("configmap/grandchild");
  }

  @Test
  @DisplayName("deleting a Deployment collects its ReplicaSet and that one's Pod")
  void workloadChain() throws Exception {
    namespace("apps");
    create(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: apps}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        """);
    String deployment = uid("apps", "deployment/web");
    create(
        """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-1
          namespace: apps
          labels: {app: web}
          ownerReferences:
          - {apiVersion: apps/v1, kind: Deployment, name: web, uid: %s, controller: true, blockOwnerDeletion: true}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        """
            .formatted(deployment));
    String replicaSet = uid("apps", "replicaset/web-1");
    create(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1-a
          namespace: apps
          labels: {app: web}
          ownerReferences:
          - {apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: %s, controller: true, blockOwnerDeletion: true}
        spec: {containers: [{name: web, image: nginx}]}
        """
            .formatted(replicaSet));
    kubectl("delete", "deployment", "web", "-n", "apps");
    awaitGone("apps", "replicaset/web-1", "pod/web-1-a");
  }

  @Test
  @DisplayName("the collector follows owners across kinds: cluster-scoped, namespaced and custom")
  void acrossKinds() throws Exception {
    namespace("kinds");
    create(
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: toys.gc.k3j.io}
        spec:
          group: gc.k3j.io
          scope: Cluster
          names: {plural: toys, singular: toy, kind: Toy}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """);
    await().atMost(PATIENCE).until(() -> run("get", "toys").contains("No resources"));
    create(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: gc-owner}\n");
    String role = kubectl("get", "clusterrole", "gc-owner", "-o", "jsonpath={.metadata.uid}");
    create(
        configMap(
            "kinds",
            "owned",
            "ownerReferences: [{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole,"
                + " name: gc-owner, uid: %s}]".formatted(role),
            ""));
    create(
        ("apiVersion: gc.k3j.io/v1\nkind: Toy\nmetadata:\n  name: toy\n  ownerReferences:"
                + " [{apiVersion: v1, kind: ConfigMap, name: owned, uid: %s}]\n")
            .formatted(uid("kinds", "cm/owned")));
    kubectl("delete", "clusterrole", "gc-owner");
    awaitGone("kinds", "cm/owned", "toy/toy");
  }

  @Test
  @DisplayName("dry-run deletes answer as a delete would and remove nothing")
  void dryRun() throws Exception {
    namespace("dry");
    create(configMap("dry", "kept", "", ""));
    assertThat(kubectl("delete", "cm", "kept", "-n", "dry", "--dry-run=server"))
        .contains("deleted (server dry run)");
    assertThat(kubectl("get", "cm", "kept", "-n", "dry", "-o", "name")).isEqualTo("configmap/kept");
  }

  @Test
  @DisplayName("a deleted namespace terminates: new objects refused, content and CRs deleted, gone")
  void namespaceTermination() throws Exception {
    create(
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.gc.k3j.io}
        spec:
          group: gc.k3j.io
          scope: Namespaced
          names: {plural: gadgets, singular: gadget, kind: Gadget}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """);
    namespace("doomed");
    await()
        .atMost(PATIENCE)
        .until(() -> run("get", "gadgets", "-n", "doomed").contains("No resources"));
    create("apiVersion: gc.k3j.io/v1\nkind: Gadget\nmetadata: {name: g1, namespace: doomed}\n");
    create(configMap("doomed", "plain", "", ""));
    create(configMap("doomed", "held", "", "finalizers: [example.com/hold]"));
    create(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s1, namespace: doomed}\n"
            + "stringData: {a: b}\n");

    kubectl("delete", "ns", "doomed", "--wait=false");
    assertThat(kubectl("get", "ns", "doomed", "-o", "jsonpath={.status.phase}"))
        .isEqualTo("Terminating");
    assertThat(run("create", "configmap", "late", "-n", "doomed"))
        .contains("forbidden")
        .contains(
            "unable to create new content in namespace doomed because it is being terminated");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                run(
                        "get",
                        "ns",
                        "doomed",
                        "-o",
                        "jsonpath={.status.conditions[?(@.type==\"NamespaceFinalizersRemaining\")].message}")
                    .equals(
                        "Some content in the namespace has finalizers remaining:"
                            + " example.com/hold in 1 resource instances"));
    assertThat(
            kubectl(
                "get",
                "ns",
                "doomed",
                "-o",
                "jsonpath={.status.conditions[?(@.type==\"NamespaceContentRemaining\")].message}"))
        .isEqualTo("Some resources are remaining: configmaps. has 1 resource instances");
    assertThat(run("get", "gadgets,secrets", "-n", "doomed")).contains("No resources");

    deleteWaitsForRelease("doomed", "held", "ns", "doomed");
    assertThat(run("get", "ns", "doomed")).contains("not found");
  }

  @Test
  @DisplayName("the system namespaces cannot be deleted")
  void immortalNamespaces() throws Exception {
    assertThat(run("delete", "ns", "default"))
        .contains("namespaces \"default\" is forbidden: this namespace may not be deleted");
    assertThat(kubectl("get", "ns", "default", "-o", "jsonpath={.status.phase}"))
        .isEqualTo("Active");
  }

  /**
   * Starts a waiting {@code kubectl delete} of {@code target}, checks that it waits, removes the
   * finalizers of ConfigMap {@code held}, and checks that the delete then returns successfully.
   */
  private static void deleteWaitsForRelease(String namespace, String held, String... target)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("delete"));
    args.addAll(List.of(target));
    args.add("--timeout=60s");
    Process waiting = start(args.toArray(String[]::new));
    try {
      assertThat(waiting.waitFor(1, TimeUnit.SECONDS)).as("kubectl delete waits").isFalse();
      release(namespace, held);
      assertThat(waiting.waitFor(30, TimeUnit.SECONDS)).as("kubectl delete returned").isTrue();
      assertThat(waiting.exitValue()).isZero();
    } finally {
      waiting.destroyForcibly();
    }
  }

  /** Removes every finalizer of a ConfigMap. */
  private static void release(String namespace, String configMap) throws Exception {
    kubectl(
        "patch",
        "cm",
        configMap,
        "-n",
        namespace,
        "--type=merge",
        "-p",
        "{\"metadata\":{\"finalizers\":null}}");
  }

  /** owner ← child ← grandchild, ConfigMaps owned by uid. */
  private static void chain(String namespace, boolean block) throws Exception {
    create(configMap(namespace, "owner", "", ""));
    create(
        configMap(namespace, "child", reference("owner", uid(namespace, "cm/owner"), block), ""));
    create(
        configMap(
            namespace, "grandchild", reference("child", uid(namespace, "cm/child"), block), ""));
  }

  private static String reference(String name, String uid, boolean block) {
    return "ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: %s, uid: %s, blockOwnerDeletion: %s}]"
        .formatted(name, uid, block);
  }

  private static String configMap(String namespace, String name, String owners, String more) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          namespace: %s
          %s
          %s
        data: {a: b}
        """
        .formatted(name, namespace, owners, more);
  }

  private static void namespace(String name) throws Exception {
    create("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n");
  }

  private static String uid(String namespace, String object) throws Exception {
    return kubectl("get", object, "-n", namespace, "-o", "jsonpath={.metadata.uid}");
  }

  private static void awaitGone(String namespace, String... objects) {
    for (String object : objects) {
      await()
          .atMost(PATIENCE)
          .until(() -> run("get", object, "-n", namespace).contains("not found"));
    }
  }

  private static void create(String yaml) throws Exception {
    Path manifest = Files.createTempFile(dir, "manifest", ".yaml");
    Files.writeString(manifest, yaml);
    kubectl("create", "--validate=false", "-f", manifest.toString());
  }

  private static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "kubectl",
            "--kubeconfig",
            server.kubeconfig().toString(),
            "--cache-dir",
            dir.resolve("kube-cache").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    return process;
  }

  /** Runs kubectl to its end and returns what it printed, whether it succeeded or not. */
  private static String run(String... args) throws IOException, InterruptedException {
    Process process = start(args);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return output.strip();
  }

  /** Runs kubectl to its end and returns what it printed; fails unless it succeeds. */
  private static String kubectl(String... args) throws IOException, InterruptedException {
    Process process = start(args);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " failed:\n" + output);
    }
    return output.strip();
  }
}
