package io.k3j.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.RegistryConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UpstreamSelectorTest {
  static UpstreamSelector selector(String upstreams) {
    return new UpstreamSelector(
        new Upstreams(RegistryConfig.fromMap(Map.of("data-dir", "/d", "upstream", upstreams))));
  }

  @Test
  @DisplayName(
      "a first path component naming an upstream selects it; anything else goes to the default")
  void prefixThenDefault() {
    UpstreamSelector selector = selector("ghcr.io=https://ghcr.io,https://registry.example:5000");
    var ghcr = selector.select("ghcr.io/org/app").orElseThrow();
    assertThat(ghcr.upstream().name()).isEqualTo("ghcr.io");
    assertThat(ghcr.remoteRepository()).isEqualTo("org/app");
    var fallback = selector.select("org/app").orElseThrow();
    assertThat(fallback.upstream().name()).isEqualTo("registry.example:5000");
    assertThat(fallback.remoteRepository()).isEqualTo("org/app");
  }

  @Test
  @DisplayName("without a default, unknown names are local-only")
  void noDefault() {
    assertThat(selector("ghcr.io=https://ghcr.io").select("site/app")).isEmpty();
  }

  @Test
  @DisplayName("Docker Hub official images get their library/ prefix")
  void dockerHubLibrary() {
    UpstreamSelector selector = selector("docker.io=https://registry-1.docker.io");
    assertThat(selector.select("docker.io/alpine").orElseThrow().remoteRepository())
        .isEqualTo("library/alpine");
    assertThat(selector.select("docker.io/bitnami/redis").orElseThrow().remoteRepository())
        .isEqualTo("bitnami/redis");
  }

  @Test
  @DisplayName(
      "an upstream added while running is selected by its prefix; removing it restores the start-up one")
  void addedAndRemoved() {
    Upstreams upstreams =
        new Upstreams(
            RegistryConfig.fromMap(
                Map.of("data-dir", "/d", "upstream", "ghcr.io=https://ghcr.io")));
    UpstreamSelector selector = new UpstreamSelector(upstreams);
    assertThat(selector.select("quay.io/org/app")).isEmpty();

    upstreams.put(io.k3j.registry.UpstreamConfig.parse("upstream", "quay.io=https://quay.example"));
    upstreams.put(io.k3j.registry.UpstreamConfig.parse("upstream", "ghcr.io=https://ghcr.example"));
    assertThat(upstreams.names()).containsExactly("ghcr.io", "quay.io");
    assertThat(selector.select("quay.io/org/app").orElseThrow().remoteRepository())
        .isEqualTo("org/app");
    assertThat(selector.select("ghcr.io/o/a").orElseThrow().upstream().url().getHost())
        .isEqualTo("ghcr.example");

    upstreams.remove("quay.io");
    upstreams.remove("ghcr.io");
    assertThat(selector.select("quay.io/org/app")).isEmpty();
    assertThat(selector.select("ghcr.io/o/a").orElseThrow().upstream().url().getHost())
        .isEqualTo("ghcr.io");
  }
}
