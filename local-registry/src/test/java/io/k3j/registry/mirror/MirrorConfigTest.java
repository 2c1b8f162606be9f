package io.k3j.registry.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MirrorConfigTest {
  static final MirrorTarget PLAIN = MirrorTarget.of(URI.create("http://10.0.0.5:5000"));

  @Test
  @DisplayName(
      "registries.yaml points every mirrored registry, including \"*\", at the registry root")
  void registriesYamlGolden() throws Exception {
    String yaml = RegistriesYaml.render(List.of("docker.io", "ghcr.io", "*"), PLAIN);
    assertThat(yaml)
        .isEqualTo(
            "mirrors:\n"
                + "  \"docker.io\":\n"
                + "    endpoint:\n"
                + "      - \"http://10.0.0.5:5000\"\n"
                + "  \"ghcr.io\":\n"
                + "    endpoint:\n"
                + "      - \"http://10.0.0.5:5000\"\n"
                + "  \"*\":\n"
                + "    endpoint:\n"
                + "      - \"http://10.0.0.5:5000\"\n");
    JsonNode parsed = new YAMLMapper().readTree(yaml);
    assertThat(parsed.at("/mirrors/*/endpoint/0").asText()).isEqualTo("http://10.0.0.5:5000");
  }

  @Test
  @DisplayName("TLS settings go under configs keyed by the endpoint host:port")
  void registriesYamlTls() throws Exception {
    MirrorTarget tls =
        new MirrorTarget(
            URI.create("https://mirror.site:5443"),
            List.of("pull", "resolve"),
            Optional.of("/etc/k3j/ca.pem"),
            true,
            Optional.empty(),
            false);
    JsonNode parsed = new YAMLMapper().readTree(RegistriesYaml.render(List.of("docker.io"), tls));
    assertThat(parsed.at("/configs/mirror.site:5443/tls/ca_file").asText())
        .isEqualTo("/etc/k3j/ca.pem");
    assertThat(parsed.at("/configs/mirror.site:5443/tls/insecure_skip_verify").asBoolean())
        .isTrue();
  }

  @Test
  @DisplayName("hosts.toml lists this registry as a pull/resolve host before the original server")
  void hostsTomlGolden() throws Exception {
    String toml = HostsToml.render("docker.io", PLAIN);
    assertThat(toml)
        .isEqualTo(
            "server = \"https://registry-1.docker.io\"\n"
                + "\n"
                + "[host.\"http://10.0.0.5:5000\"]\n"
                + "  capabilities = [\"pull\", \"resolve\"]\n");
    JsonNode parsed = new TomlMapper().readTree(toml);
    assertThat(parsed.get("server").asText()).isEqualTo("https://registry-1.docker.io");
    assertThat(parsed.get("host").get("http://10.0.0.5:5000").at("/capabilities/1").asText())
        .isEqualTo("resolve");
  }

  @Test
  @DisplayName(
      "mirror-only sites make the registry the server; \"*\" goes to _default; dial_timeout only when asked")
  void hostsTomlVariants() throws Exception {
    MirrorTarget airGapped =
        new MirrorTarget(
            URI.create("http://10.0.0.5:5000"),
            List.of("pull"),
            Optional.empty(),
            false,
            Optional.of(Duration.ofMillis(200)),
            true);
    Map<String, String> files = HostsToml.renderAll(List.of("registry.k8s.io", "*"), airGapped);
    assertThat(files).containsOnlyKeys("registry.k8s.io/hosts.toml", "_default/hosts.toml");
    JsonNode parsed = new TomlMapper().readTree(files.get("_default/hosts.toml"));
    assertThat(parsed.get("server").asText()).isEqualTo("http://10.0.0.5:5000");
    assertThat(parsed.get("host").get("http://10.0.0.5:5000").at("/dial_timeout").asText())
        .isEqualTo("200ms");
    assertThat(HostsToml.render("*", PLAIN))
        .isEqualTo("[host.\"http://10.0.0.5:5000\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
  }

  @Test
  @DisplayName("an endpoint with a path is refused (the registry serves the v2 API at its root)")
  void rootOnly() {
    assertThatThrownBy(() -> MirrorTarget.of(URI.create("http://m:5000/docker.io")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
