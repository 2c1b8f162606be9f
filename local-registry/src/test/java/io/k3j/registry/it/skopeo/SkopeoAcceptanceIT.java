package io.k3j.registry.it.skopeo;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.LocalRegistry;
import io.k3j.registry.testing.DockerRegistryProcess;
import io.k3j.registry.testing.OciLayout;
import io.k3j.registry.testing.Processes;
import io.k3j.registry.testing.Processes.Result;
import io.k3j.registry.testing.Registries;
import io.k3j.registry.testing.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance with real peers: skopeo as the client and Debian's docker-registry as the upstream,
 * with images the test builds as OCI layouts.
 */
class SkopeoAcceptanceIT {
  @TempDir Path dir;
  DockerRegistryProcess upstream;
  LocalRegistry registry;
  String local;

  @BeforeEach
  void start() throws Exception {
    upstream = new DockerRegistryProcess(Files.createDirectories(dir.resolve("upstream")));
    registry =
        Registries.start(
            Files.createDirectories(dir.resolve("local")),
            Map.of("upstream", "upstream.test=" + upstream.url(), "upstream-timeout", "5s"));
    local = Registries.hostPort(registry);
  }

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
    upstream.close();
  }

  Result skopeo(String... args) {
    Result result = Processes.skopeo(dir, args);
    assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isZero();
    return result;
  }

  void pushToUpstream(String layoutName, TestImage image, String ref, String... extra)
      throws Exception {
    Path layout = OciLayout.write(Files.createDirectories(dir.resolve(layoutName)), "v1", image);
    copy(extra, "oci:" + layout + ":v1", "docker://" + upstream.hostPort() + "/" + ref);
  }

  void copy(String[] extra, String from, String to) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("copy", "--src-tls-verify=false", "--dest-tls-verify=false"));
    args.addAll(List.of(extra));
    args.add(from);
    args.add(to);
    skopeo(args.toArray(String[]::new));
  }

  String rawManifest(String hostPort, String ref) {
    return skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + hostPort + "/" + ref)
        .output();
  }

  @Test
  @DisplayName(
      "skopeo pulls through the cache the exact manifest the upstream holds, and a re-tag upstream is followed")
  void pullThroughAndRetag() throws Exception {
    TestImage first = TestImage.build(1, 2, 20_000);
    pushToUpstream("first", first, "demo/hello:v1");

    copy(
        new String[0],
        "docker://" + local + "/upstream.test/demo/hello:v1",
        "oci:" + dir.resolve("out1") + ":v1");
    assertThat(rawManifest(local, "upstream.test/demo/hello:v1"))
        .isEqualTo(rawManifest(upstream.hostPort(), "demo/hello:v1"));

    TestImage second = TestImage.build(2, 1, 20_000);
    pushToUpstream("second", second, "demo/hello:v1");
    copy(
        new String[0],
        "docker://" + local + "/upstream.test/demo/hello:v1",
        "oci:" + dir.resolve("out2") + ":v1");
    assertThat(rawManifest(local, "upstream.test/demo/hello:v1"))
        .isEqualTo(new String(second.manifest(), StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("with the upstream stopped, a cached image is still pulled by tag")
  void pullWithUpstreamStopped() throws Exception {
    TestImage image = TestImage.build(3, 2, 20_000);
    pushToUpstream("img", image, "demo/offline:v1");
    copy(
        new String[0],
        "docker://" + local + "/upstream.test/demo/offline:v1",
        "oci:" + dir.resolve("warm") + ":v1");
    upstream.close();

    copy(
        new String[0],
        "docker://" + local + "/upstream.test/demo/offline:v1",
        "oci:" + dir.resolve("cold") + ":v1");
    assertThat(Files.readString(dir.resolve("cold/index.json"))).contains(image.manifestDigest());
  }

  @Test
  @DisplayName(
      "Docker schema2 and manifest lists (skopeo --format v2s2 --all) pass through unconverted")
  void dockerMediaTypesAndIndexes() throws Exception {
    TestImage amd = TestImage.build(4, 1, 10_000, "amd64", List.of());
    TestImage arm = TestImage.build(5, 1, 10_000, "arm64", List.of());
    Path layout =
        OciLayout.writeIndex(
            Files.createDirectories(dir.resolve("multi")), "v1", List.of(amd, arm));
    copy(
        new String[] {"--all", "--format", "v2s2"},
        "oci:" + layout + ":v1",
        "docker://" + upstream.hostPort() + "/demo/multi:v1");
    copy(
        new String[] {"--all"},
        "oci:" + layout + ":v1",
        "docker://" + upstream.hostPort() + "/demo/multi:oci");

    for (String tag : new String[] {"v1", "oci"}) {
      copy(
          new String[] {"--all"},
          "docker://" + local + "/upstream.test/demo/multi:" + tag,
          "dir:" + dir.resolve("pulled-" + tag));
      assertThat(rawManifest(local, "upstream.test/demo/multi:" + tag))
          .isEqualTo(rawManifest(upstream.hostPort(), "demo/multi:" + tag));
    }
    assertThat(rawManifest(local, "upstream.test/demo/multi:v1"))
        .contains("application/vnd.docker.distribution.manifest.list.v2+json");
    assertThat(rawManifest(local, "upstream.test/demo/multi:oci")).contains(TestImage.INDEX_TYPE);
  }

  @Test
  @DisplayName(
      "an image pushed to the local registry pulls back with identical digests, and deleting it removes it")
  void pushPullDelete() throws Exception {
    TestImage image = TestImage.build(6, 2, 20_000);
    Path layout = OciLayout.write(Files.createDirectories(dir.resolve("mine")), "v1", image);
    copy(new String[0], "oci:" + layout + ":v1", "docker://" + local + "/site/app:v1");
    copy(new String[0], "docker://" + local + "/site/app:v1", "oci:" + dir.resolve("back") + ":v1");

    assertThat(rawManifest(local, "site/app:v1"))
        .isEqualTo(new String(image.manifest(), StandardCharsets.UTF_8));
    assertThat(Files.readString(dir.resolve("back/index.json"))).contains(image.manifestDigest());
    for (byte[] blob : image.blobs()) {
      assertThat(dir.resolve("back/blobs/sha256/" + TestImage.sha256(blob).substring(7)))
          .hasBinaryContent(blob);
    }

    skopeo(
        "delete",
        "--tls-verify=false",
        "docker://" + local + "/site/app@" + image.manifestDigest());
    Result gone =
        Processes.skopeo(
            dir, "inspect", "--raw", "--tls-verify=false", "docker://" + local + "/site/app:v1");
    assertThat(gone.exitCode()).isNotZero();
  }
}
