package io.k3j.addons.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.k3j.addons.DeployerConfig;
import io.k3j.addons.ManifestsDeployer;
import io.k3j.crds.k3s.v1.Addon;
import io.k3j.crds.k3s.v1.GroupVersionKind;
import io.k3j.testsupport.EmbeddedK3j;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The manifests folder against k3j's own API server: files dropped, changed, skipped, disabled and
 * removed, and the cluster following. Each test has its own folder and deployer; file names differ
 * between tests because every Addon lives in kube-system.
 */
class ManifestsFolderIT {
  static final String NS = ManifestsDeployer.NAMESPACE;
  static final Duration WAIT = Duration.ofMinutes(2);
  static final AtomicInteger FOLDERS = new AtomicInteger();
  static EmbeddedK3j k3j;
  static KubernetesClient client;

  Path dir;
  final List<ManifestsDeployer> deployers = new ArrayList<>();

  @BeforeAll
  static void startServer() throws IOException {
    k3j = EmbeddedK3j.start();
    client = k3j.client();
  }

  @AfterAll
  static void stopServer() {
    client.close();
    k3j.close();
  }

  @BeforeEach
  void folder() {
    dir = k3j.dataDir().resolve("server/manifests-" + FOLDERS.incrementAndGet());
  }

  @AfterEach
  void stopDeployers() {
    deployers.forEach(ManifestsDeployer::close);
  }

  ManifestsDeployer start(Set<String> disabled, DeployerConfig config) {
    ManifestsDeployer deployer = ManifestsDeployer.start(client, dir, disabled, config);
    deployers.add(deployer);
    return deployer;
  }

  /** File-system events only: the scan interval is too long to matter within a test. */
  ManifestsDeployer startWatching(Set<String> disabled) {
    return start(disabled, new DeployerConfig(Duration.ofHours(1), false));
  }

  static String configMap(String name, String value) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          namespace: default
        data:
          value: "%s"
        """
        .formatted(name, value);
  }

  static String secret(String name) {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: %s
          namespace: default
        stringData:
          password: s3cret
        """
        .formatted(name);
  }

  Path write(String file, String... documents) throws IOException {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, String.join("---\n", documents));
    return path;
  }

  static ConfigMap configMap(String name) {
    return client.configMaps().inNamespace("default").withName(name).get();
  }

  static Addon addon(String name) {
    return client.resources(Addon.class).inNamespace(NS).withName(name).get();
  }

  static List<Event> events(String addon) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> addon.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Addon".equals(e.getInvolvedObject().getKind()))
        .toList();
  }

  static boolean hasEvent(String addon, String reason) {
    return events(addon).stream().anyMatch(e -> reason.equals(e.getReason()));
  }

  /**
   * Drops a marker file and waits until it is applied: passes run one at a time in file order, so
   * everything the folder held before has been handled by then.
   */
  void awaitPassOver(String marker) throws IOException {
    write(marker + ".yaml", configMap(marker, "marker"));
    await().atMost(WAIT).until(() -> configMap(marker) != null);
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  @DisplayName("a dropped file is applied as an Addon; a change applies and prunes; removal keeps")
  void dropChangeRemove() throws Exception {
    startWatching(Set.of());
    Path file = write("app.yaml", configMap("app-config", "one"), secret("app-secret"));

    await()
        .atMost(WAIT)
        .until(
            () ->
                configMap("app-config") != null
                    && client.secrets().inNamespace("default").withName("app-secret").get() != null
                    && addon("app") != null
                    && addon("app").getStatus() != null);
    ConfigMap applied = configMap("app-config");
    assertThat(applied.getMetadata().getLabels())
        .as("sha1 of the owner annotations, as k3s computes it")
        .containsEntry("objectset.rio.cattle.io/hash", "590686add1832793380fb5b5ce46b9df7bd8140b");
    assertThat(applied.getMetadata().getAnnotations())
        .containsEntry("objectset.rio.cattle.io/owner-gvk", "k3s.cattle.io/v1, Kind=Addon")
        .containsEntry("objectset.rio.cattle.io/owner-name", "app")
        .containsEntry("objectset.rio.cattle.io/owner-namespace", NS);
    assertThat(applied.getMetadata().getManagedFields())
        .anySatisfy(m -> assertThat(m.getManager()).isEqualTo("k3j-deploy"));
    Addon addon = addon("app");
    assertThat(addon.getSpec().getSource()).isEqualTo(file.toAbsolutePath().toString());
    assertThat(addon.getSpec().getChecksum()).isEqualTo(sha256(file));
    assertThat(addon.getMetadata().getAnnotations())
        .containsEntry(Addon.GVKS_ANNOTATION, "/v1, Kind=ConfigMap;/v1, Kind=Secret");
    assertThat(addon.getStatus().getGvks())
        .containsExactly(
            new GroupVersionKind("", "v1", "ConfigMap"), new GroupVersionKind("", "v1", "Secret"));
    await()
        .atMost(WAIT)
        .until(() -> hasEvent("app", "ApplyingManifest") && hasEvent("app", "AppliedManifest"));

    write("app.yaml", configMap("app-config", "two"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                "two".equals(configMap("app-config").getData().get("value"))
                    && client.secrets().inNamespace("default").withName("app-secret").get()
                        == null);
    await()
        .atMost(WAIT)
        .until(
            () ->
                addon("app")
                    .getMetadata()
                    .getAnnotations()
                    .get(Addon.GVKS_ANNOTATION)
                    .equals("/v1, Kind=ConfigMap"));

    Files.delete(file);
    awaitPassOver("app-marker");
    assertThat(configMap("app-config")).as("deleting a file leaves its objects").isNotNull();
  }

  @Test
  @DisplayName("with polling forced, files are still picked up on the interval")
  void polling() throws Exception {
    start(Set.of(), new DeployerConfig(Duration.ofMillis(300), true));
    write(
        "polled.json",
        "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
            + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"polled-a\","
            + "\"namespace\":\"default\"}},"
            + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"polled-b\"}}]}");
    await()
        .atMost(WAIT)
        .until(() -> configMap("polled-a") != null && configMap("polled-b") != null);
    write("polled.json", "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[]}");
    await()
        .atMost(WAIT)
        .until(() -> configMap("polled-a") == null && configMap("polled-b") == null);
  }

  @Test
  @DisplayName(
      "a broken file next to good ones: good ones apply, the Addon event names file and document")
  void brokenNextToGood() throws Exception {
    start(Set.of(), new DeployerConfig(Duration.ofSeconds(1), false));
    write("good-one.yaml", configMap("good-one", "1"));
    Path broken =
        write(
            "broken.yaml",
            configMap("broken-first", "1"),
            "kind: ConfigMap\nmetadata: {name: [x\n");
    Path unknown =
        write(
            "unknown.yaml",
            configMap("unknown-first", "1"),
            "apiVersion: example.com/v1\nkind: Nothing\nmetadata: {name: n, namespace: default}\n");
    write("good-two.yaml", configMap("good-two", "2"));

    await()
        .atMost(WAIT)
        .until(() -> configMap("good-one") != null && configMap("good-two") != null);
    await()
        .atMost(WAIT)
        .until(
            () ->
                events("broken").stream()
                    .anyMatch(
                        e ->
                            "ParseManifestFailed".equals(e.getReason())
                                && "Warning".equals(e.getType())
                                && e.getMessage().contains(broken.toAbsolutePath().toString())
                                && e.getMessage().contains("document 2 (line 9)")));
    await()
        .atMost(WAIT)
        .until(
            () ->
                events("unknown").stream()
                    .anyMatch(
                        e ->
                            "ApplyManifestFailed".equals(e.getReason())
                                && e.getMessage().contains(unknown.toAbsolutePath().toString())
                                && e.getMessage().contains("document 2 (line 9)")
                                && e.getMessage().contains("Nothing")));
    assertThat(configMap("broken-first")).as("nothing of an unparsable file is applied").isNull();
    assertThat(addon("broken").getSpec().getChecksum()).isNull();

    write("broken.yaml", configMap("broken-first", "fixed"));
    await().atMost(WAIT).until(() -> configMap("broken-first") != null);
    await()
        .atMost(WAIT)
        .until(() -> sha256(broken).equals(addon("broken").getSpec().getChecksum()));
  }

  @Test
  @DisplayName("foo.yaml.skip makes foo.yaml ignored, nothing removed")
  void skip() throws Exception {
    startWatching(Set.of());
    write("kept.yaml", configMap("kept", "v1"));
    await().atMost(WAIT).until(() -> configMap("kept") != null);

    write("kept.yaml.skip", "");
    write("never.yaml", configMap("never", "v1"));
    write("never.yaml.skip", "");
    write("kept.yaml", configMap("kept", "v2"));
    awaitPassOver("skip-marker");

    assertThat(configMap("never")).isNull();
    assertThat(addon("never")).isNull();
    assertThat(configMap("kept").getData()).containsEntry("value", "v1");
  }

  @Test
  @DisplayName("disabled names: files, objects and Addons removed, at start and at run time")
  void disable() throws Exception {
    Path early = write("early.yaml", configMap("early", "v1"));
    Path sub = write("optional/inner.yaml", configMap("inner", "v1"));
    ManifestsDeployer deployer = startWatching(Set.of("early"));
    await().atMost(WAIT).until(() -> configMap("inner") != null);
    awaitPassOver("disable-marker");
    assertThat(early).doesNotExist();
    assertThat(configMap("early")).isNull();

    Path late = write("late.yaml", configMap("late", "v1"), secret("late-secret"));
    await().atMost(WAIT).until(() -> configMap("late") != null && addon("late") != null);
    deployer.disable("late");
    assertThat(late).doesNotExist();
    assertThat(configMap("late")).isNull();
    assertThat(client.secrets().inNamespace("default").withName("late-secret").get()).isNull();
    assertThat(addon("late")).isNull();
    assertThat(events("late")).anyMatch(e -> "DeletingManifest".equals(e.getReason()));

    deployer.disable("optional");
    assertThat(sub).doesNotExist();
    assertThat(configMap("inner")).isNull();

    Path gone = write("gone.yaml", configMap("gone", "v1"));
    await().atMost(WAIT).until(() -> addon("gone") != null && addon("gone").getStatus() != null);
    Files.delete(gone);
    deployer.disable("gone");
    assertThat(configMap("gone")).as("an Addon whose file is gone is uninstalled too").isNull();
    assertThat(addon("gone")).isNull();
  }

  @Test
  @DisplayName("a restarted deployer applies what changed while it was down, pruning by the Addon")
  void restart() throws Exception {
    ManifestsDeployer first = startWatching(Set.of());
    Path file = write("restart.yaml", configMap("restart-a", "v1"), configMap("restart-b", "v1"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                addon("restart") != null
                    && sha256(file).equals(addon("restart").getSpec().getChecksum()));
    first.close();
    deployers.remove(first);

    write("restart.yaml", configMap("restart-a", "v2"));
    startWatching(Set.of());
    await()
        .atMost(WAIT)
        .until(
            () ->
                configMap("restart-b") == null
                    && "v2".equals(configMap("restart-a").getData().get("value")));
    await().atMost(WAIT).until(() -> sha256(file).equals(addon("restart").getSpec().getChecksum()));
  }

  @Test
  @DisplayName("a CRD and objects of its kind in one file apply in one pass")
  void crdWithCustomResource() throws Exception {
    startWatching(Set.of());
    write(
        "widgets.yaml",
        """
        apiVersion: example.k3j.io/v1
        kind: Widget
        metadata: {name: first, namespace: default}
        spec: {size: 3}
        """,
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.k3j.io}
        spec:
          group: example.k3j.io
          names: {kind: Widget, plural: widgets, singular: widget}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
        """);
    await()
        .atMost(WAIT)
        .until(
            () -> {
              GenericKubernetesResource widget =
                  client
                      .genericKubernetesResources(
                          new ResourceDefinitionContext.Builder()
                              .withGroup("example.k3j.io")
                              .withVersion("v1")
                              .withKind("Widget")
                              .withPlural("widgets")
                              .withNamespaced(true)
                              .build())
                      .inNamespace("default")
                      .withName("first")
                      .get();
              return widget != null && widget.get("spec").toString().contains("size=3");
            });
  }

  @Test
  @DisplayName("kubectl get addons -A lists the Addons with their source and checksum")
  void kubectl() throws Exception {
    startWatching(Set.of());
    Path file = write("listed.yaml", configMap("listed", "v1"));
    await()
        .atMost(WAIT)
        .until(() -> addon("listed") != null && addon("listed").getSpec().getChecksum() != null);

    Process process =
        new ProcessBuilder(
                "kubectl", "--kubeconfig", k3j.kubeconfig().toString(), "get", "addons", "-A")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    String header = output.lines().findFirst().orElseThrow();
    assertThat(header.split("\\s+")).containsSubsequence("NAMESPACE", "NAME", "CHECKSUM", "SOURCE");
    assertThat(output.lines())
        .anySatisfy(
            line ->
                assertThat(line.split("\\s+"))
                    .containsSubsequence(
                        NS, "listed", sha256(file), file.toAbsolutePath().toString()));
  }
}
