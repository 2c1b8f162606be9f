package io.k3j.registry.it.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.LocalRegistry;
import io.k3j.registry.testing.Http;
import io.k3j.registry.testing.MutableClock;
import io.k3j.registry.testing.Registries;
import io.k3j.registry.testing.TestImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectionIT {
  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  LocalRegistry registry;
  Http http;

  @BeforeEach
  void start() throws Exception {
    registry = Registries.start(dir, Map.of("gc-grace", "1h"), clock);
    http = new Http(Registries.url(registry));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  @DisplayName(
      "GC during a push loses nothing: an upload in progress and blobs awaiting their manifest survive")
  void gcDuringPush() {
    TestImage image = TestImage.build(1, 2, 5000);
    http.pushBlob("gc/app", image.config());
    http.pushBlob("gc/app", image.layers().get(0));
    byte[] last = image.layers().get(1);
    String location =
        http.post("/v2/gc/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> half =
        http.patch(
            location,
            Arrays.copyOf(last, last.length / 2),
            "Content-Range",
            "0-" + (last.length / 2 - 1));
    assertThat(half.statusCode()).isEqualTo(202);

    clock.advance(Duration.ofMinutes(30));
    assertThat(registry.maintain().deletedBlobs()).isZero();

    http.patch(location, Arrays.copyOfRange(last, last.length / 2, last.length));
    assertThat(http.put(location + "?digest=" + image.layerDigest(1), null).statusCode())
        .isEqualTo(201);
    assertThat(
            http.put(
                    "/v2/gc/app/manifests/v1",
                    image.manifest(),
                    "Content-Type",
                    TestImage.MANIFEST_TYPE)
                .statusCode())
        .isEqualTo(201);

    clock.advance(Duration.ofHours(2));
    registry.maintain();
    for (byte[] blob : image.blobs()) {
      assertThat(http.get("/v2/gc/app/blobs/" + TestImage.sha256(blob)).body()).isEqualTo(blob);
    }
  }

  @Test
  @DisplayName(
      "after a manifest delete and the grace period, its unshared blobs are deleted and shared ones kept")
  void gcAfterDelete() {
    TestImage first = TestImage.build(2, 1, 5000);
    TestImage second = TestImage.build(3, 1, 5000, "amd64", first.layers());
    http.pushImage("gc/one", "v1", first);
    http.pushImage("gc/two", "v1", second);
    assertThat(http.delete("/v2/gc/one/manifests/" + first.manifestDigest()).statusCode())
        .isEqualTo(202);

    clock.advance(Duration.ofHours(2));
    assertThat(registry.maintain().deletedBlobs()).isEqualTo(1);
    assertThat(http.get("/v2/gc/two/blobs/" + first.layerDigest(0)).statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/gc/one/blobs/" + first.configDigest()).statusCode()).isEqualTo(404);
  }
}
