package io.k3j.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.registry.UpstreamConfig;
import io.k3j.registry.internal.RegistryMetrics;
import io.k3j.registry.internal.store.BlobContent;
import io.k3j.registry.internal.store.ContentStore;
import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.testing.FakeUpstream;
import io.k3j.registry.testing.TestImage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobFetchesTest {
  @TempDir Path dir;
  FakeUpstream upstream;
  ContentStore store;
  ExecutorService copiers;
  BlobFetches fetches;
  UpstreamClient client;

  @BeforeEach
  void start() throws Exception {
    upstream = new FakeUpstream();
    store = new ContentStore(dir, Clock.systemUTC());
    copiers = Executors.newCachedThreadPool();
    UpstreamConfig config = UpstreamConfig.parse("upstream", "up.test=" + upstream.url());
    fetches =
        new BlobFetches(
            store,
            copiers,
            new RegistryMetrics(new SimpleMeterRegistry(), r -> "up.test", List.of("up.test")));
    client =
        new UpstreamClient(
            config, UpstreamClient.newHttpClient(config, Duration.ofSeconds(5)), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    copiers.shutdownNow();
    store.close();
    upstream.close();
  }

  @Test
  @DisplayName(
      "a blob stored by a fetch that ended after the caller's store lookup is not fetched again: the fetch links it instead")
  void storedMeanwhileIsNotFetchedAgain() throws Exception {
    byte[] blob = randomBytes(3, 100_000);
    Digest digest = Digest.parse(TestImage.sha256(blob));
    upstream.blobs.put(digest.toString(), blob);
    // The herd race: a client found the blob missing, then another client's fetch committed it
    // and left the in-flight table before this client asked for it.
    Path temp = store.blobs().newTempFile("fetch");
    Files.write(temp, blob);
    store.commitVerified("up.test/demo/first", temp, digest, blob.length);

    Optional<InFlightBlob> fetched =
        fetches.fetch(client, "demo/second", "up.test/demo/second", digest, Duration.ofSeconds(5));

    assertThat(fetched).as("no fetch started").isEmpty();
    assertThat(upstream.count("GET", digest.toString())).isZero();
    assertThat(store.blob("up.test/demo/second", digest))
        .as("linked to the asking repository")
        .isPresent();
  }

  @Test
  @DisplayName("a fetched blob is hashed beside the copy, verified, committed and readable")
  void fetchCommits() throws Exception {
    byte[] blob = randomBytes(4, 3 * 1024 * 1024 + 17);
    Digest digest = Digest.parse(TestImage.sha256(blob));
    upstream.blobs.put(digest.toString(), blob);

    InFlightBlob fetched =
        fetches
            .fetch(client, "demo/app", "up.test/demo/app", digest, Duration.ofSeconds(5))
            .orElseThrow();
    fetched.finished().get();

    assertThat(fetched.verified()).isTrue();
    assertThat(fetched.failed()).isFalse();
    BlobContent stored = store.blob("up.test/demo/app", digest).orElseThrow();
    try (FileChannel channel = stored.open()) {
      assertThat(channel.size()).isEqualTo(blob.length);
    }
    assertThat(Files.readAllBytes(store.blobs().path(digest))).isEqualTo(blob);
  }

  @Test
  @DisplayName("an upstream body that does not match its digest is discarded, never stored")
  void corruptBodyIsDiscarded() throws Exception {
    byte[] blob = randomBytes(5, 600_000);
    Digest digest = Digest.parse(TestImage.sha256(blob));
    byte[] corrupt = blob.clone();
    corrupt[corrupt.length / 2] ^= 1;
    upstream.blobs.put(digest.toString(), corrupt);

    InFlightBlob fetched =
        fetches
            .fetch(client, "demo/app", "up.test/demo/app", digest, Duration.ofSeconds(5))
            .orElseThrow();
    fetched.finished().get();

    assertThat(fetched.failed()).isTrue();
    assertThat(fetched.verified()).isFalse();
    assertThat(store.blob("up.test/demo/app", digest)).isEmpty();
    try (var leftovers = Files.list(dir.resolve("tmp"))) {
      assertThat(leftovers).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "a fetch whose upstream stops sending half-way is aborted by the stall check: failed, nothing stored, no temp file left")
  void stalledFetchIsAborted() throws Exception {
    byte[] blob = randomBytes(6, 2 * 1024 * 1024);
    Digest digest = Digest.parse(TestImage.sha256(blob));
    upstream.blobs.put(digest.toString(), blob);
    upstream.holdHalfway = new CountDownLatch(1);

    InFlightBlob fetched =
        fetches
            .fetch(client, "demo/app", "up.test/demo/app", digest, Duration.ofSeconds(5))
            .orElseThrow();
    await().atMost(Duration.ofSeconds(30)).until(() -> fetched.available() >= blob.length / 2);
    fetches.abortStalled(Duration.ZERO);
    fetched.finished().get(30, TimeUnit.SECONDS);

    assertThat(fetched.failed()).isTrue();
    assertThat(fetched.available()).isLessThan(blob.length);
    assertThat(store.blob("up.test/demo/app", digest)).isEmpty();
    try (var leftovers = Files.list(dir.resolve("tmp"))) {
      assertThat(leftovers).isEmpty();
    }
  }

  private static byte[] randomBytes(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
