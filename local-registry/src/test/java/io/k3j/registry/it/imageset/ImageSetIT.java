package io.k3j.registry.it.imageset;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.LocalRegistry;
import io.k3j.registry.imageset.ImageStatus;
import io.k3j.registry.testing.FakeUpstream;
import io.k3j.registry.testing.Http;
import io.k3j.registry.testing.MutableClock;
import io.k3j.registry.testing.Registries;
import io.k3j.registry.testing.TestImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSetIT {
  @TempDir Path dir;
  FakeUpstream upstream;
  LocalRegistry registry;

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  @DisplayName(
      "an image set is pre-pulled (index children and blobs included), pinned against eviction, and served offline")
  void prePullPinAndServeOffline() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    upstream = new FakeUpstream();
    TestImage amd = TestImage.build(1, 1, 5000, "amd64", List.of());
    TestImage arm = TestImage.build(2, 1, 5000, "arm64", List.of());
    byte[] index = TestImage.index(List.of(amd, arm));
    upstream.add("demo/app", "amd", amd);
    upstream.add("demo/app", "arm", arm);
    upstream.manifests.put(TestImage.sha256(index), index);
    upstream.tags.put("demo/app:v1", TestImage.sha256(index));
    TestImage tool = TestImage.build(3, 2, 5000);
    upstream.add("demo/tool", "v9", tool);
    TestImage other = TestImage.build(4, 1, 50_000);
    upstream.add("demo/other", "v1", other);

    registry =
        Registries.start(
            dir,
            Map.of(
                "upstream",
                "up.test=" + upstream.url(),
                "max-disk",
                "1",
                "tag-deadline",
                "300ms",
                "upstream-timeout",
                "2s"),
            clock);
    List<ImageStatus> statuses =
        registry
            .imageSets()
            .sync(
                "site",
                List.of(
                    "up.test/demo/app:v1",
                    "up.test/demo/tool@" + tool.manifestDigest(),
                    "up.test/demo/missing:v1"));

    assertThat(statuses.get(0).present()).isTrue();
    assertThat(statuses.get(0).digest()).contains(TestImage.sha256(index));
    assertThat(statuses.get(0).sizeBytes())
        .isEqualTo(
            index.length
                + amd.manifest().length
                + arm.manifest().length
                + amd.blobs().stream().mapToLong(b -> b.length).sum()
                + arm.blobs().stream().mapToLong(b -> b.length).sum());
    assertThat(statuses.get(1).present()).isTrue();
    assertThat(statuses.get(2).present()).isFalse();
    assertThat(statuses.get(2).error()).isPresent();

    Http http = new Http(Registries.url(registry));
    assertThat(http.get("/v2/up.test/demo/other/manifests/v1").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/up.test/demo/other/blobs/" + other.layerDigest(0)).statusCode())
        .isEqualTo(200);

    upstream.close();
    upstream = null;
    clock.advance(Duration.ofHours(2));
    var report = registry.maintain();

    assertThat(report.evictedManifests()).isEqualTo(1);
    assertThat(http.get("/v2/up.test/demo/other/manifests/" + other.manifestDigest()).statusCode())
        .isEqualTo(404);
    assertThat(http.get("/v2/up.test/demo/app/manifests/v1").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/up.test/demo/app/blobs/" + arm.layerDigest(0)).body())
        .isEqualTo(arm.layers().get(0));
    assertThat(http.get("/v2/up.test/demo/tool/blobs/" + tool.layerDigest(1)).body())
        .isEqualTo(tool.layers().get(1));
  }

  @Test
  @DisplayName("a scheduled re-sync follows an upstream re-tag and moves the pin to the new image")
  void scheduledResync() throws Exception {
    upstream = new FakeUpstream();
    TestImage first = TestImage.build(10, 1, 1000);
    TestImage second = TestImage.build(11, 1, 1000);
    upstream.add("demo/app", "v1", first);
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    registry =
        Registries.start(
            dir, Map.of("upstream", "up.test=" + upstream.url(), "max-disk", "1"), clock);
    var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    var reported = new java.util.concurrent.CopyOnWriteArrayList<String>();
    try {
      registry
          .imageSets()
          .resyncEvery(
              "site",
              () -> List.of("up.test/demo/app:v1"),
              Duration.ofMillis(50),
              scheduler,
              statuses -> reported.add(statuses.get(0).digest().orElse("")));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> reported.contains(first.manifestDigest()));
      upstream.add("demo/app", "v1", second);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> reported.contains(second.manifestDigest()));
    } finally {
      scheduler.shutdownNow();
      scheduler.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    clock.advance(Duration.ofMinutes(2));
    registry.maintain();
    Http http = new Http(Registries.url(registry));
    upstream.close();
    upstream = null;
    assertThat(http.get("/v2/up.test/demo/app/manifests/v1").body()).isEqualTo(second.manifest());
    assertThat(http.get("/v2/up.test/demo/app/manifests/" + first.manifestDigest()).statusCode())
        .isEqualTo(404);
  }
}
