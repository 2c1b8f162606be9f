package io.k3j.registry.it.containerd;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.LocalRegistry;
import io.k3j.registry.mirror.HostsToml;
import io.k3j.registry.mirror.MirrorTarget;
import io.k3j.registry.testing.Containerd;
import io.k3j.registry.testing.DockerRegistryProcess;
import io.k3j.registry.testing.Http;
import io.k3j.registry.testing.OciLayout;
import io.k3j.registry.testing.Processes;
import io.k3j.registry.testing.Processes.Result;
import io.k3j.registry.testing.Registries;
import io.k3j.registry.testing.TestImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * containerd (Debian's 1.6) pulls docker.io/demo/hello:v1 through the generated hosts.toml: the
 * request reaches this registry with {@code ?ns=docker.io} and is served from the upstream. Needs
 * root (containerd) and fails without it.
 */
class ContainerdIT {
  @TempDir Path dir;
  DockerRegistryProcess upstream;
  LocalRegistry registry;
  Containerd containerd;

  @AfterEach
  void stop() throws Exception {
    if (containerd != null) {
      containerd.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  @DisplayName(
      "ctr pulls through the generated hosts.toml with ?ns=docker.io, and the image is cached")
  void pullThroughHostsToml() throws Exception {
    upstream = new DockerRegistryProcess(Files.createDirectories(dir.resolve("upstream")));
    TestImage image = TestImage.build(42, 2, 10_000);
    Path layout = OciLayout.write(Files.createDirectories(dir.resolve("layout")), "v1", image);
    Result push =
        Processes.skopeo(
            dir,
            "copy",
            "--dest-tls-verify=false",
            "oci:" + layout + ":v1",
            "docker://" + upstream.hostPort() + "/demo/hello:v1");
    assertThat(push.exitCode()).as(push.output()).isZero();

    registry =
        Registries.start(
            Files.createDirectories(dir.resolve("local")),
            Map.of("upstream", "docker.io=" + upstream.url()));
    Path hostsDir = dir.resolve("certs.d");
    for (var file :
        HostsToml.renderAll(
                List.of("docker.io"), MirrorTarget.of(URI.create(Registries.url(registry))))
            .entrySet()) {
      Path path = hostsDir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }

    containerd = new Containerd(Files.createDirectories(dir.resolve("containerd")));
    Result pull =
        containerd.ctr(
            "images",
            "pull",
            "--hosts-dir",
            hostsDir.toString(),
            "--snapshotter",
            "native",
            "docker.io/demo/hello:v1");
    assertThat(pull.exitCode()).as(pull.output()).isZero();
    assertThat(containerd.ctr("images", "ls").output()).contains(image.manifestDigest());

    upstream.close();
    upstream = null;
    Http http = new Http(Registries.url(registry));
    assertThat(http.get("/v2/demo/hello/manifests/v1?ns=docker.io").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/docker.io/demo/hello/blobs/" + image.layerDigest(1)).body())
        .isEqualTo(image.layers().get(1));
  }
}
