package io.k3j.registry.it.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.registry.v1.RegistryMirror;
import io.k3j.crds.registry.v1.RegistryMirrorStatus;
import io.k3j.registry.testing.Containerd;
import io.k3j.registry.testing.DockerRegistryProcess;
import io.k3j.registry.testing.Http;
import io.k3j.registry.testing.OciLayout;
import io.k3j.registry.testing.OperatorSite;
import io.k3j.registry.testing.Processes;
import io.k3j.registry.testing.Registries;
import io.k3j.registry.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RegistryMirror operator on k3j's API server: it serves the named upstream (Debian's
 * docker-registry) through the local registry, publishes registries.yaml and hosts.toml in a
 * ConfigMap and in the node directory, and containerd pulls through the generated hosts.toml.
 */
class RegistryMirrorOperatorIT {
  static final String NAMESPACE = "site";

  @TempDir Path dir;
  DockerRegistryProcess upstream;
  OperatorSite site;
  Containerd containerd;

  @AfterEach
  void stop() throws Exception {
    if (containerd != null) {
      containerd.close();
    }
    if (site != null) {
      site.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  @DisplayName(
      "a RegistryMirror publishes byte-exact registries.yaml/hosts.toml, serves its upstream, and containerd pulls through it")
  void publishServeAndPull() throws Exception {
    upstream = new DockerRegistryProcess(Files.createDirectories(dir.resolve("upstream")));
    TestImage image = TestImage.build(42, 2, 10_000);
    Processes.Result push =
        Processes.skopeo(
            dir,
            "copy",
            "--dest-tls-verify=false",
            "oci:" + OciLayout.write(dir.resolve("layout"), "v1", image) + ":v1",
            "docker://" + upstream.hostPort() + "/demo/hello:v1");
    assertThat(push.exitCode()).as(push.output()).isZero();

    Path node = dir.resolve("node");
    site = OperatorSite.start(dir.resolve("local"), Map.of(), Clock.systemUTC(), NAMESPACE, node);
    assertThatThrownBy(
            () ->
                site.client()
                    .resource(
                        Serialization.unmarshal(
                            "apiVersion: registry.k3j.io/v1\nkind: RegistryMirror\n"
                                + "metadata: {name: bad, namespace: site}\n"
                                + "spec: {upstreams: [{name: 'docker.io/library'}]}\n",
                            RegistryMirror.class))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.upstreams[0].name");

    site.client()
        .resource(
            Serialization.unmarshal(
                "apiVersion: registry.k3j.io/v1\nkind: RegistryMirror\n"
                    + "metadata: {name: site-mirror, namespace: site}\n"
                    + "spec:\n"
                    + "  configMapName: node-registries\n"
                    + "  upstreams:\n"
                    + "  - name: docker.io\n"
                    + "    url: "
                    + upstream.url()
                    + "\n"
                    + "    credentialsSecret: hub-login\n"
                    + "  - name: '*'\n",
                RegistryMirror.class))
        .create();
    RegistryMirrorStatus status = awaitStatus(s -> "SecretError".equals(reason(s)));
    assertThat(ready(status)).isEqualTo("False");
    assertThat(status.getConditions().get(0).getMessage()).contains("site/hub-login");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                site.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "SecretError".equals(e.getReason())
                                && "Warning".equals(e.getType())
                                && "site-mirror".equals(e.getInvolvedObject().getName())));

    site.client()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("hub-login")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withType("kubernetes.io/basic-auth")
                .addToStringData("username", "puller")
                .addToStringData("password", "secret")
                .build())
        .create();
    status = awaitStatus(s -> "True".equals(ready(s)));
    assertThat(status.getConfigMapName()).isEqualTo("node-registries");
    assertThat(status.getUpstreams()).containsExactly("docker.io");

    String root = Registries.url(site.registry());
    String registriesYaml =
        "mirrors:\n"
            + "  \"docker.io\":\n"
            + "    endpoint:\n"
            + "      - \""
            + root
            + "\"\n"
            + "  \"*\":\n"
            + "    endpoint:\n"
            + "      - \""
            + root
            + "\"\n";
    String host = "[host.\"" + root + "\"]\n" + "  capabilities = [\"pull\", \"resolve\"]\n";
    String dockerHosts = "server = \"https://registry-1.docker.io\"\n\n" + host;
    String defaultHosts = host;
    ConfigMap configMap =
        site.client().configMaps().inNamespace(NAMESPACE).withName("node-registries").get();
    assertThat(configMap.getData())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "registries.yaml",
                registriesYaml,
                "docker.io.hosts.toml",
                dockerHosts,
                "_default.hosts.toml",
                defaultHosts));
    assertThat(configMap.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("site-mirror"));
    assertThat(node.resolve("registries.yaml")).hasContent(registriesYaml);
    assertThat(Files.readString(node.resolve("certs.d/docker.io/hosts.toml")))
        .isEqualTo(dockerHosts);
    assertThat(Files.readString(node.resolve("certs.d/_default/hosts.toml")))
        .isEqualTo(defaultHosts);

    containerd = new Containerd(Files.createDirectories(dir.resolve("containerd")));
    Processes.Result pull =
        containerd.ctr(
            "images",
            "pull",
            "--hosts-dir",
            node.resolve("certs.d").toString(),
            "--snapshotter",
            "native",
            "docker.io/demo/hello:v1");
    assertThat(pull.exitCode()).as(pull.output()).isZero();
    assertThat(containerd.ctr("images", "ls").output()).contains(image.manifestDigest());
    Http http = new Http(root);
    assertThat(http.get("/v2/docker.io/demo/hello/blobs/" + image.layerDigest(1)).body())
        .as("containerd's pull went through the local registry and filled its cache")
        .isEqualTo(image.layers().get(1));

    site.client()
        .resources(RegistryMirror.class)
        .inNamespace(NAMESPACE)
        .withName("site-mirror")
        .edit(
            m -> {
              m.getSpec().setUpstreams(m.getSpec().getUpstreams().subList(0, 1));
              return m;
            });
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !Files.exists(node.resolve("certs.d/_default/hosts.toml")));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                !site.client()
                    .configMaps()
                    .inNamespace(NAMESPACE)
                    .withName("node-registries")
                    .get()
                    .getData()
                    .containsKey("_default.hosts.toml"));

    // The operator watches only its own (labelled) ConfigMaps, and that includes their deletion.
    site.client().configMaps().inNamespace(NAMESPACE).withName("node-registries").delete();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        site.client()
                            .configMaps()
                            .inNamespace(NAMESPACE)
                            .withName("node-registries")
                            .get())
                    .as("a deleted mirror ConfigMap is published again")
                    .isNotNull()
                    .satisfies(c -> assertThat(c.getData()).containsKey("registries.yaml")));

    site.client()
        .resources(RegistryMirror.class)
        .inNamespace(NAMESPACE)
        .withName("site-mirror")
        .delete();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !Files.exists(node.resolve("registries.yaml")));
    assertThat(node.resolve("certs.d/docker.io/hosts.toml")).doesNotExist();
    assertThat(site.registry().upstreamNames()).isEmpty();
    assertThat(http.get("/v2/demo/hello/manifests/v1?ns=docker.io").statusCode())
        .as("docker.io is no longer an upstream")
        .isEqualTo(404);
  }

  RegistryMirrorStatus awaitStatus(Predicate<RegistryMirrorStatus> condition) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(
            () ->
                site.client()
                    .resources(RegistryMirror.class)
                    .inNamespace(NAMESPACE)
                    .withName("site-mirror")
                    .get()
                    .getStatus(),
            s -> s != null && condition.test(s));
  }

  static String ready(RegistryMirrorStatus status) {
    return status.getConditions() == null ? null : status.getConditions().get(0).getStatus();
  }

  static String reason(RegistryMirrorStatus status) {
    return status.getConditions() == null ? null : status.getConditions().get(0).getReason();
  }
}
