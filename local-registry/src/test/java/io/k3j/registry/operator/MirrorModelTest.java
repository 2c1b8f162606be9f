package io.k3j.registry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.registry.v1.RegistryMirror;
import io.k3j.registry.UpstreamConfig;
import io.k3j.registry.operator.MirrorModel.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MirrorModelTest {
  static RegistryMirror mirror(String spec) {
    return Serialization.unmarshal(
        "apiVersion: registry.k3j.io/v1\nkind: RegistryMirror\n"
            + "metadata: {name: site, namespace: kube-system}\nspec: "
            + spec,
        RegistryMirror.class);
  }

  @Test
  @DisplayName(
      "the ConfigMap holds registries.yaml and one <registry>.hosts.toml per registry, ':' as '_'")
  void configMapGolden() {
    RegistryMirror mirror =
        mirror(
            "{upstreams: [{name: docker.io}, {name: 'registry.local:5000'}, {name: '*'}],"
                + " nodes: {endpoint: 'http://10.0.0.5:5000/', mirrorOnly: true,"
                + " capabilities: [pull], dialTimeout: 200ms}}");
    var target = MirrorModel.target(mirror, Optional.empty());
    var configMap =
        MirrorModel.configMap(mirror, MirrorModel.files(MirrorModel.registries(mirror), target));

    assertThat(configMap.getMetadata().getName()).isEqualTo("site");
    assertThat(configMap.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(configMap.getData())
        .containsOnlyKeys(
            "registries.yaml",
            "docker.io.hosts.toml",
            "registry.local_5000.hosts.toml",
            "_default.hosts.toml");
    String host =
        "[host.\"http://10.0.0.5:5000\"]\n"
            + "  capabilities = [\"pull\"]\n"
            + "  dial_timeout = \"200ms\"\n";
    assertThat(configMap.getData().get("docker.io.hosts.toml"))
        .isEqualTo("server = \"http://10.0.0.5:5000\"\n\n" + host);
    assertThat(configMap.getData().get("registries.yaml"))
        .isEqualTo(
            "mirrors:\n"
                + "  \"docker.io\":\n"
                + "    endpoint:\n"
                + "      - \"http://10.0.0.5:5000\"\n"
                + "  \"registry.local:5000\":\n"
                + "    endpoint:\n"
                + "      - \"http://10.0.0.5:5000\"\n"
                + "  \"*\":\n"
                + "    endpoint:\n"
                + "      - \"http://10.0.0.5:5000\"\n");
  }

  @Test
  @DisplayName("without spec.nodes.endpoint the operator's default is used, else it is an error")
  void endpointDefault() {
    RegistryMirror mirror = mirror("{upstreams: [{name: ghcr.io}]}");
    assertThat(MirrorModel.target(mirror, Optional.of(URI.create("http://127.0.0.1:5000"))).root())
        .isEqualTo("http://127.0.0.1:5000");
    assertThatThrownBy(() -> MirrorModel.target(mirror, Optional.empty()))
        .hasMessageContaining("spec.nodes.endpoint");
  }

  @Test
  @DisplayName(
      "an upstream gets its official API URL, the Secret's credentials and TLS; '*' serves none")
  void upstreams() {
    RegistryMirror mirror =
        mirror(
            "{upstreams: [{name: docker.io}, {name: ghcr.io, url: 'https://ghcr.example/v2',"
                + " tls: {insecureSkipVerify: true}}, {name: '*'}]}");
    var specs = mirror.getSpec().getUpstreams();
    UpstreamConfig docker =
        MirrorModel.upstream(
                specs.get(0), Optional.of(new Credentials("u", "p")), Optional.of(Path.of("/ca")))
            .orElseThrow();
    assertThat(docker.url()).isEqualTo(URI.create("https://registry-1.docker.io"));
    assertThat(docker.username()).contains("u");
    assertThat(docker.password()).contains("p");
    assertThat(docker.caFile()).contains(Path.of("/ca"));
    UpstreamConfig ghcr =
        MirrorModel.upstream(specs.get(1), Optional.empty(), Optional.empty()).orElseThrow();
    assertThat(ghcr.url()).isEqualTo(URI.create("https://ghcr.example"));
    assertThat(ghcr.insecureSkipVerify()).isTrue();
    assertThat(MirrorModel.upstream(specs.get(2), Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  @DisplayName("durations take ms, s, m, h and d; anything else names the field")
  void durations() {
    assertThat(MirrorModel.duration("f", "1d")).isEqualTo(Duration.ofDays(1));
    assertThat(MirrorModel.duration("f", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> MirrorModel.duration("spec.resyncInterval", "1h30m"))
        .hasMessageContaining("spec.resyncInterval");
  }

  @Test
  @DisplayName("a platform filter keeps matching index children; variants must match when given")
  void platforms() {
    var arm = io.k3j.registry.imageset.Platforms.parse(List.of("linux/arm/v7", "linux/amd64"));
    assertThat(arm.matches("linux", "arm", Optional.of("v7"))).isTrue();
    assertThat(arm.matches("linux", "arm", Optional.of("v6"))).isFalse();
    assertThat(arm.matches("linux", "amd64", Optional.of("v3"))).isTrue();
    assertThat(arm.matches("windows", "amd64", Optional.empty())).isFalse();
    assertThat(io.k3j.registry.imageset.Platforms.parse(List.of("all")).all()).isTrue();
    assertThatThrownBy(() -> io.k3j.registry.imageset.Platforms.parse(List.of("amd64")))
        .hasMessageContaining("os/architecture");
  }
}
