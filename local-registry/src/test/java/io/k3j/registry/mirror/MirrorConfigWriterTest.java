package io.k3j.registry.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorConfigWriterTest {
  @TempDir Path dir;

  @Test
  @DisplayName(
      "writes registries.yaml and one certs.d/<registry>/hosts.toml per registry, replacing old files")
  void writesLayout() throws Exception {
    MirrorTarget target = MirrorTarget.of(URI.create("http://10.0.0.5:5000"));
    MirrorConfigWriter.write(dir, List.of("docker.io", "*"), target);
    MirrorConfigWriter.write(dir, List.of("docker.io", "*"), target);

    assertThat(dir.resolve("registries.yaml")).content().contains("\"docker.io\":");
    assertThat(dir.resolve("certs.d/docker.io/hosts.toml"))
        .hasContent(HostsToml.render("docker.io", target));
    assertThat(dir.resolve("certs.d/_default/hosts.toml")).exists();
    assertThat(dir.resolve("certs.d/docker.io").toFile().list()).containsExactly("hosts.toml");
  }
}
