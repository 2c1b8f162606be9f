package io.k3j.addons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageTest {
  static final byte[] V1 = "kind: ConfigMap # v1\n".getBytes(StandardCharsets.UTF_8);
  static final byte[] V2 = "kind: ConfigMap # v2\n".getBytes(StandardCharsets.UTF_8);

  @Test
  @DisplayName("staging writes only when the content differs and never a disabled add-on")
  void stage(@TempDir Path dir) throws Exception {
    Path manifests = dir.resolve("server/manifests");
    assertThat(ManifestsDeployer.stage(manifests, "coredns.yaml", V1, Set.of())).isTrue();
    Path file = manifests.resolve("coredns.yaml");
    assertThat(Files.readAllBytes(file)).isEqualTo(V1);

    FileTime old = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(file, old);
    assertThat(ManifestsDeployer.stage(manifests, "coredns.yaml", V1, Set.of())).isFalse();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);

    assertThat(ManifestsDeployer.stage(manifests, "coredns.yaml", V2, Set.of())).isTrue();
    assertThat(Files.readAllBytes(file)).isEqualTo(V2);

    assertThat(ManifestsDeployer.stage(manifests, "traefik.yaml", V1, Set.of("traefik"))).isFalse();
    assertThat(manifests.resolve("traefik.yaml")).doesNotExist();
    try (var files = Files.list(manifests)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("coredns.yaml");
    }
  }
}
