package io.k3j.registry.it.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.registry.v1.ImageSet;
import io.k3j.crds.registry.v1.ImageSetStatus;
import io.k3j.registry.testing.DockerRegistryProcess;
import io.k3j.registry.testing.Http;
import io.k3j.registry.testing.MutableClock;
import io.k3j.registry.testing.OciLayout;
import io.k3j.registry.testing.OperatorSite;
import io.k3j.registry.testing.Processes;
import io.k3j.registry.testing.Registries;
import io.k3j.registry.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ImageSet operator on k3j's API server, with Debian's docker-registry as the upstream: images
 * are pre-pulled (the node's platform of a multi-platform index), pinned, reported in status,
 * survive LRU pressure and the upstream going away, and become evictable when the set is deleted.
 */
class ImageSetOperatorIT {
  static final String NAMESPACE = "site";

  @TempDir Path dir;
  DockerRegistryProcess upstream;
  OperatorSite site;

  @AfterEach
  void stop() {
    if (site != null) {
      site.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  void push(String reference, Path layout) {
    Processes.Result push =
        Processes.skopeo(
            dir,
            "copy",
            "--all",
            "--dest-tls-verify=false",
            "oci:" + layout + ":v1",
            "docker://" + upstream.hostPort() + "/" + reference);
    assertThat(push.exitCode()).as(push.output()).isZero();
  }

  @Test
  @DisplayName(
      "an ImageSet is pulled and pinned, status counts it, and it outlives LRU eviction, the upstream and its own status until deleted")
  void pullPinSurviveRelease() throws Exception {
    upstream = new DockerRegistryProcess(Files.createDirectories(dir.resolve("upstream")));
    TestImage amd = TestImage.build(1, 2, 20_000, "amd64", List.of());
    TestImage arm = TestImage.build(2, 1, 20_000, "arm64", List.of());
    byte[] index = TestImage.index(List.of(amd, arm));
    push("demo/app:v1", OciLayout.writeIndex(dir.resolve("app"), "v1", List.of(amd, arm)));
    TestImage tool = TestImage.build(3, 1, 10_000);
    push("demo/tool:v9", OciLayout.write(dir.resolve("tool"), "v1", tool));
    TestImage other = TestImage.build(4, 1, 50_000);
    push("demo/other:v1", OciLayout.write(dir.resolve("other"), "v1", other));

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    startOperator(Map.of("upstream", "up.test=" + upstream.url(), "max-disk", "1"), clock);

    site.client()
        .resource(
            Serialization.unmarshal(
                "apiVersion: registry.k3j.io/v1\nkind: ImageSet\n"
                    + "metadata: {name: offline, namespace: site}\n"
                    + "spec:\n"
                    + "  resyncInterval: 1h\n"
                    + "  images:\n"
                    + "  - up.test/demo/app:v1\n"
                    + "  - up.test/demo/tool@"
                    + tool.manifestDigest()
                    + "\n"
                    + "  - up.test/demo/missing:v1\n",
                ImageSet.class))
        .create();
    ImageSetStatus status = awaitStatus(s -> s.getTotal() != null);
    assertThat(status.getTotal()).isEqualTo(3);
    assertThat(status.getPresent()).isEqualTo(2);
    assertThat(ready(status)).isEqualTo("False");
    assertThat(status.getImages().get(2).getError()).isNotBlank();

    site.client()
        .resources(ImageSet.class)
        .inNamespace(NAMESPACE)
        .withName("offline")
        .edit(
            s -> {
              s.getSpec().setImages(s.getSpec().getImages().subList(0, 2));
              return s;
            });
    status = awaitStatus(s -> "True".equals(ready(s)));
    assertThat(status.getPresent()).isEqualTo(2);
    assertThat(status.getTotal()).isEqualTo(2);
    var app = status.getImages().get(0);
    assertThat(app.getPresent()).isTrue();
    assertThat(app.getDigest()).isEqualTo(TestImage.sha256(index));
    assertThat(app.getSizeBytes())
        .as("the index, the amd64 manifest and its blobs; not the arm64 child")
        .isEqualTo(
            index.length
                + amd.manifest().length
                + amd.blobs().stream().mapToLong(b -> b.length).sum());
    assertThat(app.getLastSync()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(status.getImages().get(1).getDigest()).isEqualTo(tool.manifestDigest());
    assertThat(
            Processes.run(
                    dir,
                    "kubectl",
                    "--kubeconfig",
                    site.k3j().kubeconfig().toString(),
                    "get",
                    "imagesets",
                    "-n",
                    NAMESPACE)
                .output())
        .containsPattern("offline\\s+True\\s+\\S+\\s+2\\s+2");

    Http http = new Http(Registries.url(site.registry()));
    assertThat(http.get("/v2/up.test/demo/other/manifests/v1").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/up.test/demo/other/blobs/" + other.layerDigest(0)).statusCode())
        .isEqualTo(200);
    clock.advance(Duration.ofHours(2));
    assertThat(site.registry().maintain().evictedManifests()).isEqualTo(1);

    upstream.close();
    upstream = null;
    assertThat(http.get("/v2/up.test/demo/other/manifests/" + other.manifestDigest()).statusCode())
        .isEqualTo(404);
    assertThat(http.get("/v2/up.test/demo/app/manifests/v1").body()).isEqualTo(index);
    assertThat(http.get("/v2/up.test/demo/app/manifests/" + amd.manifestDigest()).statusCode())
        .isEqualTo(200);
    assertThat(http.get("/v2/up.test/demo/app/blobs/" + amd.layerDigest(1)).body())
        .isEqualTo(amd.layers().get(1));
    assertThat(http.get("/v2/up.test/demo/app/manifests/" + arm.manifestDigest()).statusCode())
        .as("the other platform was not pulled")
        .isEqualTo(404);
    assertThat(http.get("/v2/up.test/demo/tool/blobs/" + tool.layerDigest(0)).body())
        .isEqualTo(tool.layers().get(0));

    site.client().resources(ImageSet.class).inNamespace(NAMESPACE).withName("offline").delete();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                site.client()
                        .resources(ImageSet.class)
                        .inNamespace(NAMESPACE)
                        .withName("offline")
                        .get()
                    == null);
    clock.advance(Duration.ofHours(2));
    // Released content is evictable again: before the release the same pressure evicted only the
    // unpinned image. Eviction stops once the store is under its budget, so which of the released
    // manifests go first depends on their order of last use.
    assertThat(site.registry().maintain().evictedManifests())
        .as("manifests of the released app (index, child) and tool images")
        .isBetween(2, 3);
  }

  @Test
  @DisplayName(
      "a cron schedule in a time zone re-syncs the set at its next time, not after the default interval; one that never fires is an invalid spec")
  void scheduledResync() throws Exception {
    upstream = new DockerRegistryProcess(Files.createDirectories(dir.resolve("upstream")));
    TestImage first = TestImage.build(5, 1, 10_000);
    push("demo/tool:v1", OciLayout.write(dir.resolve("first"), "v1", first));
    // 01:00 in Berlin (UTC+1 in January) is 30 s after this instant; in UTC it is an hour later,
    // and the default resyncInterval is an hour too. The clock stands still, so every sync
    // schedules the next one 30 s ahead.
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T23:59:30Z"));
    startOperator(Map.of("upstream", "up.test=" + upstream.url()), clock);

    site.client()
        .resource(
            Serialization.unmarshal(
                "apiVersion: registry.k3j.io/v1\nkind: ImageSet\n"
                    + "metadata: {name: offline, namespace: site}\n"
                    + "spec:\n"
                    + "  schedule: '0 1 * * *'\n"
                    + "  timeZone: Europe/Berlin\n"
                    + "  images: [up.test/demo/tool:v1]\n",
                ImageSet.class))
        .create();
    ImageSetStatus status = awaitStatus(s -> "True".equals(ready(s)));
    assertThat(status.getImages().get(0).getDigest()).isEqualTo(first.manifestDigest());

    TestImage second = TestImage.build(6, 1, 10_000);
    push("demo/tool:v1", OciLayout.write(dir.resolve("second"), "v1", second));
    status =
        await()
            .atMost(Duration.ofSeconds(150))
            .ignoreExceptions()
            .until(
                () ->
                    site.client()
                        .resources(ImageSet.class)
                        .inNamespace(NAMESPACE)
                        .withName("offline")
                        .get()
                        .getStatus(),
                s -> second.manifestDigest().equals(s.getImages().get(0).getDigest()));
    assertThat(ready(status)).isEqualTo("True");

    site.client()
        .resources(ImageSet.class)
        .inNamespace(NAMESPACE)
        .withName("offline")
        .edit(
            s -> {
              s.getSpec().setSchedule("0 0 30 2 *");
              return s;
            });
    status = awaitStatus(s -> "False".equals(ready(s)));
    assertThat(status.getConditions())
        .anySatisfy(c -> assertThat(c.getMessage()).contains("spec.schedule", "never fires"));
  }

  ImageSetStatus awaitStatus(java.util.function.Predicate<ImageSetStatus> condition) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(
            () ->
                site.client()
                    .resources(ImageSet.class)
                    .inNamespace(NAMESPACE)
                    .withName("offline")
                    .get()
                    .getStatus(),
            s -> s != null && condition.test(s));
  }

  static String ready(ImageSetStatus status) {
    return status.getConditions() == null
        ? null
        : status.getConditions().stream()
            .filter(c -> c.getType().equals("Ready"))
            .map(c -> c.getStatus())
            .findFirst()
            .orElse(null);
  }

  /** The local registry with {@code settings}, k3j's API, the namespace and the operator. */
  private void startOperator(Map<String, String> settings, Clock clock) throws Exception {
    site = OperatorSite.start(dir.resolve("local"), settings, clock, NAMESPACE, null);
  }
}
