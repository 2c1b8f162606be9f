package io.k3j.registry.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.internal.RegistryMetrics;
import io.k3j.registry.testing.MutableClock;
import io.k3j.registry.testing.TestImage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageMaintenanceTest {
  static final Duration GRACE = Duration.ofHours(1);

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  ContentStore store;

  @BeforeEach
  void open() {
    store = new ContentStore(dir, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  StorageMaintenance maintenance(long maxBytes) {
    return new StorageMaintenance(
        store,
        maxBytes,
        GRACE,
        new RegistryMetrics(new SimpleMeterRegistry(), repo -> RegistryMetrics.LOCAL, List.of()));
  }

  @Test
  @DisplayName("GC deletes unreferenced blobs but keeps uploads younger than the grace period")
  void gcKeepsRecentUploads() throws Exception {
    byte[] orphan = "orphan".getBytes(StandardCharsets.UTF_8);
    StoreFixture.pushBlob(store, "a/b", orphan);
    Digest digest = Digest.parse(TestImage.sha256(orphan));

    assertThat(maintenance(0).run().deletedBlobs()).isZero();
    assertThat(store.blob("a/b", digest)).isPresent();

    clock.advance(GRACE.plusSeconds(1));
    assertThat(maintenance(0).run().deletedBlobs()).isEqualTo(1);
    assertThat(store.blob("a/b", digest)).isEmpty();
  }

  @Test
  @DisplayName("a blob shared by two images survives deleting one of them")
  void sharedBlobSurvives() throws Exception {
    TestImage first = TestImage.build(10, 1, 200);
    TestImage second = TestImage.build(11, 1, 200, "amd64", List.of(first.layers().get(0)));
    StoreFixture.push(store, "a/first", "v1", first, Origin.PUSHED);
    StoreFixture.push(store, "a/second", "v1", second, Origin.PUSHED);
    Digest shared = Digest.parse(first.layerDigest(0));

    store.deleteManifest("a/first", first.manifestDigest());
    clock.advance(GRACE.plusSeconds(1));
    maintenance(0).run();

    assertThat(store.blob("a/second", shared)).isPresent();
    assertThat(store.blob("a/first", Digest.parse(first.configDigest()))).isEmpty();
  }

  @Test
  @DisplayName("over budget, the least recently used unpinned cached image is evicted first")
  void lruEviction() throws Exception {
    TestImage old = TestImage.build(20, 1, 4000);
    TestImage pinned = TestImage.build(21, 1, 4000);
    TestImage recent = TestImage.build(22, 1, 4000);
    StoreFixture.push(store, "c/old", "v1", old, Origin.CACHED);
    clock.advance(Duration.ofMinutes(1));
    Digest pinnedDigest = StoreFixture.push(store, "c/pinned", "v1", pinned, Origin.CACHED);
    store.index().pin("site-set", pinnedDigest);
    clock.advance(Duration.ofMinutes(1));
    StoreFixture.push(store, "c/recent", "v1", recent, Origin.CACHED);
    clock.advance(Duration.ofMinutes(1));
    store.manifest("c/old", "v1"); // touching old makes pinned the LRU, but it is pinned
    clock.advance(Duration.ofMinutes(1));

    long oneImage = store.index().totalBlobBytes() / 3;
    StorageMaintenance.Report report = maintenance(oneImage * 2 + 10).run();

    assertThat(report.evictedManifests()).isEqualTo(1);
    assertThat(store.manifest("c/pinned", "v1")).isPresent();
    assertThat(store.manifest("c/old", "v1")).isPresent();
    assertThat(store.manifest("c/recent", "v1")).isEmpty();
    assertThat(store.blob("c/recent", Digest.parse(recent.layerDigest(0)))).isEmpty();
    assertThat(report.bytesAfter()).isLessThanOrEqualTo(oneImage * 2 + 10);
  }

  @Test
  @DisplayName("pushed images are never evicted (they have no other copy)")
  void pushedNotEvicted() throws Exception {
    StoreFixture.push(store, "p/app", "v1", TestImage.build(30, 1, 4000), Origin.PUSHED);
    clock.advance(Duration.ofMinutes(1));
    assertThat(maintenance(1).run().evictedManifests()).isZero();
    assertThat(store.manifest("p/app", "v1")).isPresent();
  }

  @Test
  @DisplayName(
      "uploads idle for longer than the grace period are cancelled and their files deleted")
  void abandonedUploadsExpire() throws Exception {
    UploadSession idle = store.uploads().start("a/b");
    clock.advance(GRACE.minusMinutes(1));
    UploadSession active = store.uploads().start("a/b");
    clock.advance(Duration.ofMinutes(2));

    maintenance(0).run();

    assertThat(store.uploads().find("a/b", idle.id())).isEmpty();
    assertThat(java.nio.file.Files.exists(idle.file())).isFalse();
    assertThat(store.uploads().find("a/b", active.id())).isPresent();
  }
}
