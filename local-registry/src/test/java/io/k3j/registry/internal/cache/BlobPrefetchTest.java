package io.k3j.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.registry.UpstreamConfig;
import io.k3j.registry.internal.cache.UpstreamSelector.Selection;
import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.internal.store.ParsedManifest;
import io.k3j.registry.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BlobPrefetchTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> fetched = new CopyOnWriteArrayList<>();
  private final BlobPrefetch prefetch =
      new BlobPrefetch((selection, repo, digest) -> fetched.add(repo + "@" + digest), clock);
  private final Selection selection =
      new Selection(UpstreamConfig.parse("upstream", "up=http://127.0.0.1:1"), "demo/app");

  @AfterEach
  void stop() {
    prefetch.close();
  }

  @Test
  @DisplayName(
      "the first request for a layer of a manifest just fetched queues its other layers, once")
  void layerRequestStartsTheRest() {
    List<Digest> blobs = digests(6);
    prefetch.manifestFetched(selection, "up/demo/app", image(blobs));

    prefetch.requested("up/demo/app", blobs.get(2));
    prefetch.requested("up/demo/app", blobs.get(3));

    List<String> expected =
        List.of(blobs.get(1), blobs.get(3), blobs.get(4), blobs.get(5)).stream()
            .map(d -> "up/demo/app@" + d)
            .toList();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(fetched).containsExactlyInAnyOrderElementsOf(expected));
  }

  @Test
  @DisplayName(
      "reading only the manifest and the config (an inspection), an index, or a layer of another repository fetches nothing ahead")
  void inspectionsFetchNothing() throws Exception {
    List<Digest> blobs = digests(4);
    prefetch.manifestFetched(selection, "up/demo/app", image(blobs));
    prefetch.requested("up/demo/app", blobs.get(0));
    prefetch.requested("up/demo/other", blobs.get(1));
    prefetch.manifestFetched(
        selection,
        "up/demo/index",
        new ParsedManifest(
            "application/vnd.oci.image.index.v1+json",
            List.of(),
            blobs,
            Optional.empty(),
            Optional.empty(),
            null));
    prefetch.requested("up/demo/index", blobs.get(1));

    // A later layer request still works, so the queue is known to be idle before it.
    prefetch.requested("up/demo/app", blobs.get(3));
    await().atMost(Duration.ofSeconds(30)).until(() -> fetched.size() == 2);
    assertThat(fetched)
        .containsExactlyInAnyOrder("up/demo/app@" + blobs.get(1), "up/demo/app@" + blobs.get(2));
  }

  @Test
  @DisplayName("a manifest whose layers nobody asked for within the window is forgotten")
  void windowExpires() {
    List<Digest> blobs = digests(3);
    prefetch.manifestFetched(selection, "up/demo/app", image(blobs));
    clock.advance(BlobPrefetch.WINDOW.plusSeconds(1));
    prefetch.requested("up/demo/app", blobs.get(1));
    List<Digest> next = digests(3);
    prefetch.manifestFetched(selection, "up/demo/next", image(next));
    prefetch.requested("up/demo/next", next.get(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> !fetched.isEmpty());
    assertThat(fetched).containsExactly("up/demo/next@" + next.get(2));
  }

  private static ParsedManifest image(List<Digest> blobs) {
    return new ParsedManifest(
        "application/vnd.oci.image.manifest.v1+json",
        blobs,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        null);
  }

  private static List<Digest> digests(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> Digest.of("sha256", new byte[] {(byte) i}))
        .toList();
  }
}
