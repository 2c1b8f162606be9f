package io.k3j.core.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side apply with the real kubectl and the fabric8 client against k3j. */
class ServerSideApplyIT {
  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: gizmos.ssa.k3j.io
      spec:
        group: ssa.k3j.io
        scope: Namespaced
        names: {plural: gizmos, singular: gizmo, kind: Gizmo}
        versions:
        - name: v1
          served: true
          storage: true
          subresources: {status: {}}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    size: {type: integer}
                status:
                  type: object
                  properties:
                    phase: {type: string}
      """;

  @TempDir static Path dir;
  private static K3jServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws IOException {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig())))
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private record Result(int exitCode, String output) {}

  private static Result kubectl(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "kubectl",
                "--kubeconfig",
                server.kubeconfig().toString(),
                "--cache-dir",
                dir.resolve("kube-cache").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), output.strip());
  }

  private static String ok(String... args) throws IOException, InterruptedException {
    Result result = kubectl(args);
    assertThat(result.exitCode()).as("kubectl %s:%n%s", List.of(args), result.output()).isZero();
    return result.output();
  }

  private static String file(String name, String yaml) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, yaml);
    return path.toString();
  }

  private static String configMap(String name, String data) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: default\ndata:\n"
        + data;
  }

  @Test
  @DisplayName("kubectl apply --server-side creates, records kubectl's Apply entry, and shows it")
  void appliesAndShowsManagedFields() throws Exception {
    String manifest = file("shown.yaml", configMap("shown", "  a: \"1\"\n"));

    assertThat(ok("apply", "--server-side", "-f", manifest))
        .isEqualTo("configmap/shown serverside-applied");

    String yaml = ok("get", "configmap", "shown", "-o", "yaml", "--show-managed-fields");
    assertThat(yaml)
        .contains("manager: kubectl", "operation: Apply", "fieldsType: FieldsV1", "f:a: {}");
    assertThat(ok("get", "configmap", "shown", "-o", "yaml")).doesNotContain("managedFields");
  }

  @Test
  @DisplayName("a second manager conflicts with kubectl's field; --force-conflicts takes it over")
  void conflictsAndForce() throws Exception {
    ok("apply", "--server-side", "-f", file("owned.yaml", configMap("owned", "  a: \"1\"\n")));
    String other = file("other.yaml", configMap("owned", "  a: \"2\"\n"));

    Result conflict = kubectl("apply", "--server-side", "--field-manager=other", "-f", other);

    assertThat(conflict.exitCode()).isNotZero();
    assertThat(conflict.output())
        .contains("Apply failed with 1 conflict: conflict with \"kubectl\": .data.a");
    assertThat(ok("get", "cm", "owned", "-o", "jsonpath={.data.a}")).isEqualTo("1");

    ok("apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", other);

    assertThat(ok("get", "cm", "owned", "-o", "jsonpath={.data.a}")).isEqualTo("2");
    assertThat(ok("get", "cm", "owned", "-o", "jsonpath={.metadata.managedFields[*].manager}"))
        .isEqualTo("other");
  }

  @Test
  @DisplayName("a field removed from the applied file is removed from the object")
  void removesDroppedField() throws Exception {
    ok(
        "apply",
        "--server-side",
        "-f",
        file("drop.yaml", configMap("drop", "  a: \"1\"\n  b: \"2\"\n")));

    ok("apply", "--server-side", "-f", file("drop.yaml", configMap("drop", "  a: \"1\"\n")));

    assertThat(ok("get", "cm", "drop", "-o", "jsonpath={.data}")).isEqualTo("{\"a\":\"1\"}");
  }

  @Test
  @DisplayName("fabric8 serverSideApply with a field manager; a later edit is an Update entry")
  void fabric8ServerSideApply() {
    ConfigMap desired =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("fabric8")
            .withNamespace("default")
            .endMetadata()
            .withData(Map.of("k", "v"))
            .build();

    client.resource(desired).fieldManager("my-operator").forceConflicts().serverSideApply();
    client
        .configMaps()
        .inNamespace("default")
        .withName("fabric8")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("extra", "x").build());

    List<ManagedFieldsEntry> entries =
        client
            .configMaps()
            .inNamespace("default")
            .withName("fabric8")
            .get()
            .getMetadata()
            .getManagedFields();
    assertThat(entries)
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .contains(org.assertj.core.groups.Tuple.tuple("my-operator", "Apply"));
    assertThat(entries).extracting(ManagedFieldsEntry::getOperation).contains("Update");
    ManagedFieldsEntry applied =
        entries.stream()
            .filter(e -> e.getManager().equals("my-operator"))
            .findFirst()
            .orElseThrow();
    assertThat(applied.getFieldsV1().getAdditionalProperties())
        .isEqualTo(Map.of("f:data", Map.of("f:k", Map.of())));
  }

  @Test
  @DisplayName(
      "the JOSDK status patch: SSA on /status, force, resourceVersion and managedFields null")
  void josdkStatusPatch() throws Exception {
    ok("apply", "--server-side", "-f", file("crd.yaml", CRD));
    ok("wait", "--for=condition=Established", "--timeout=10s", "crd/gizmos.ssa.k3j.io");
    var gizmos = client.genericKubernetesResources("ssa.k3j.io/v1", "Gizmo").inNamespace("default");
    GenericKubernetesResource gizmo = new GenericKubernetesResource();
    gizmo.setApiVersion("ssa.k3j.io/v1");
    gizmo.setKind("Gizmo");
    gizmo.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("g")
            .withNamespace("default")
            .build());
    gizmo.setAdditionalProperty("spec", Map.of("size", 3));
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> gizmos.resource(gizmo).fieldManager("gizmo-ctrl").serverSideApply() != null);

    GenericKubernetesResource status = gizmos.withName("g").get();
    status.getMetadata().setResourceVersion(null);
    status.getMetadata().setManagedFields(null);
    status.setAdditionalProperty("status", Map.of("phase", "Ready"));
    gizmos
        .resource(status)
        .subresource("status")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("gizmo-ctrl")
                .withForce(true)
                .build());

    GenericKubernetesResource stored = gizmos.withName("g").get();
    assertThat(stored.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Ready"));
    assertThat(stored.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 3));
    assertThat(stored.getMetadata().getManagedFields())
        .extracting(
            ManagedFieldsEntry::getManager,
            ManagedFieldsEntry::getOperation,
            ManagedFieldsEntry::getSubresource)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("gizmo-ctrl", "Apply", null),
            org.assertj.core.groups.Tuple.tuple("gizmo-ctrl", "Apply", "status"));
  }

  @Test
  @DisplayName("apply without fieldManager is a 400; dryRun=All changes nothing")
  void badRequestsAndDryRun() throws Exception {
    ok("apply", "--server-side", "-f", file("dry.yaml", configMap("dry", "  a: \"1\"\n")));
    ok(
        "apply",
        "--server-side",
        "--dry-run=server",
        "-f",
        file("dry.yaml", configMap("dry", "  a: \"2\"\n")));
    assertThat(ok("get", "cm", "dry", "-o", "jsonpath={.data.a}")).isEqualTo("1");

    var http = client.getHttpClient();
    var request =
        http.newHttpRequestBuilder()
            .uri(client.getMasterUrl() + "api/v1/namespaces/default/configmaps/dry")
            .method(
                "PATCH",
                "application/apply-patch+yaml",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dry\"}}")
            .build();
    var missing = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);

    assertThat(missing.code()).isEqualTo(400);
    assertThat(missing.body()).contains("fieldManager: Required value");
  }
}
