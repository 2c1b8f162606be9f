package io.k3j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  @DisplayName("a full settings map becomes a typed config with named and default upstreams")
  void fullMap() {
    RegistryConfig config =
        RegistryConfig.fromMap(
            Map.of(
                "listen", "127.0.0.1:5001",
                "data-dir", "/var/lib/registry",
                "upstream", "https://registry-1.docker.io, ghcr.io=https://ghcr.io/v2/",
                "upstream.ghcr.io.username", "bot",
                "upstream.ghcr.io.password", "secret",
                "max-disk", "20Gi",
                "read-only", "true",
                "tag-deadline", "250ms"));

    assertThat(config.listenHost()).isEqualTo("127.0.0.1");
    assertThat(config.listenPort()).isEqualTo(5001);
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/registry"));
    assertThat(config.defaultUpstream()).contains("registry-1.docker.io");
    assertThat(config.upstreams().get("ghcr.io").url()).isEqualTo(URI.create("https://ghcr.io"));
    assertThat(config.upstreams().get("ghcr.io").username()).contains("bot");
    assertThat(config.maxDiskBytes()).isEqualTo(20L << 30);
    assertThat(config.readOnly()).isTrue();
    assertThat(config.tagDeadline()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.upstreams().keySet()).containsExactly("registry-1.docker.io", "ghcr.io");
    assertThat(config.maxManifestBytes()).isEqualTo(4 * 1024 * 1024);
  }

  @Test
  @DisplayName("defaults apply only to absent keys; data-dir is required")
  void defaults() {
    RegistryConfig config = RegistryConfig.fromMap(Map.of("data-dir", "/d"));
    assertThat(config.listenPort()).isEqualTo(5000);
    assertThat(config.upstreams()).isEmpty();
    assertThat(config.readOnly()).isFalse();
    assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("data-dir");
  }

  @Test
  @DisplayName("a bad value fails with an error naming its key, never a silent default")
  void badValuesNameTheirKey() {
    assertKeyError(Map.of("data-dir", "/d", "max-disk", "lots"), "max-disk");
    assertKeyError(Map.of("data-dir", "/d", "read-only", "yes"), "read-only");
    assertKeyError(Map.of("data-dir", "/d", "listen", "localhost"), "listen");
    assertKeyError(Map.of("data-dir", "/d", "listen", "0.0.0.0:99999"), "listen");
    assertKeyError(Map.of("data-dir", "/d", "upstream", "ftp://x"), "upstream");
    assertKeyError(Map.of("data-dir", "/d", "upstream", "http://a,http://b"), "upstream");
    assertKeyError(Map.of("data-dir", "/d", "tag-deadline", "soon"), "tag-deadline");
  }

  private static void assertKeyError(Map<String, String> settings, String key) {
    assertThatThrownBy(() -> RegistryConfig.fromMap(settings))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessageContaining(key);
  }
}
