package io.k3j.addons.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManifestFilesTest {
  static final Path BASE = Path.of("/data/server/manifests");

  @Test
  @DisplayName("manifests are .yaml, .yml and .json in any case, never dotfiles")
  void manifests() {
    assertThat(ManifestFiles.isManifest("a.yaml")).isTrue();
    assertThat(ManifestFiles.isManifest("a.YML")).isTrue();
    assertThat(ManifestFiles.isManifest("a.json")).isTrue();
    assertThat(ManifestFiles.isManifest(".a.yaml")).isFalse();
    assertThat(ManifestFiles.isManifest("a.yaml.skip")).isFalse();
    assertThat(ManifestFiles.isManifest("chart.tgz")).isFalse();
  }

  @Test
  @DisplayName("the Addon is named by the file name up to its first dot")
  void names() {
    assertThat(ManifestFiles.addonName(BASE.resolve("traefik.v2.yaml"))).isEqualTo("traefik");
    assertThat(ManifestFiles.addonName(BASE.resolve("sub/coredns.yaml"))).isEqualTo("coredns");
    assertThat(ManifestFiles.invalidName("coredns")).isNull();
    assertThat(ManifestFiles.invalidName("My_Addon")).contains("not a valid object name");
  }

  @Test
  @DisplayName("--disable matches the name without extension or any directory on the way")
  void disabled() {
    assertThat(ManifestFiles.isDisabled(BASE, BASE.resolve("traefik.yaml"), Set.of("traefik")))
        .isTrue();
    assertThat(ManifestFiles.isDisabled(BASE, BASE.resolve("traefik.yaml"), Set.of("coredns")))
        .isFalse();
    assertThat(ManifestFiles.isDisabled(BASE, BASE.resolve("a.b.yaml"), Set.of("a.b"))).isTrue();
    assertThat(ManifestFiles.isDisabled(BASE, BASE.resolve("x/y/z.yaml"), Set.of("x/y"))).isTrue();
    assertThat(ManifestFiles.isDisabled(BASE, BASE.resolve("x/y/z.yaml"), Set.of("x"))).isTrue();
    assertThat(ManifestFiles.isDisabled(BASE, BASE.resolve("x/y/z.yaml"), Set.of("y"))).isFalse();
  }
}
