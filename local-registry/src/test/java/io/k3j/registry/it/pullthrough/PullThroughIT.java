package io.k3j.registry.it.pullthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k3j.registry.LocalRegistry;
import io.k3j.registry.testing.FakeUpstream;
import io.k3j.registry.testing.Http;
import io.k3j.registry.testing.MutableClock;
import io.k3j.registry.testing.Registries;
import io.k3j.registry.testing.TestImage;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullThroughIT {
  @TempDir Path dir;
  FakeUpstream upstream;
  LocalRegistry registry;
  Http http;

  @BeforeEach
  void start() throws Exception {
    upstream = new FakeUpstream();
    registry = startRegistry("up.test=" + upstream.url(), Map.of());
    http = new Http(Registries.url(registry));
  }

  LocalRegistry startRegistry(String upstreams, Map<String, String> extra) throws Exception {
    Map<String, String> settings = new java.util.HashMap<>(extra);
    settings.put("upstream", upstreams);
    settings.putIfAbsent("upstream-timeout", "5s");
    return Registries.start(dir, settings);
  }

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
    upstream.close();
  }

  @Test
  @DisplayName(
      "tags are re-resolved with HEAD upstream; manifests and blobs by digest are fetched once and then served locally")
  void headRevalidationAndLocalDigests() {
    TestImage image = TestImage.build(1, 2, 1000);
    upstream.add("demo/app", "v1", image);

    for (int i = 0; i < 3; i++) {
      HttpResponse<byte[]> manifest = http.get("/v2/up.test/demo/app/manifests/v1");
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(manifest.body()).isEqualTo(image.manifest());
      assertThat(http.get("/v2/up.test/demo/app/blobs/" + image.layerDigest(1)).body())
          .isEqualTo(image.layers().get(1));
      assertThat(http.get("/v2/up.test/demo/app/manifests/" + image.manifestDigest()).statusCode())
          .isEqualTo(200);
    }

    assertThat(upstream.count("HEAD", "/manifests/v1")).isEqualTo(3);
    assertThat(upstream.count("GET", "/manifests/")).isEqualTo(1);
    assertThat(upstream.count("GET", "/blobs/" + image.layerDigest(1))).isEqualTo(1);
    assertThat(new String(http.get("/metrics").body(), StandardCharsets.UTF_8))
        .contains("registry_cache_hits_total{upstream=\"up.test\"}")
        .contains("registry_upstream_bytes_total{upstream=\"up.test\"}")
        .contains("registry_served_bytes_total{upstream=\"up.test\"}");
  }

  @Test
  @DisplayName(
      "containerd's ns parameter selects the upstream and shares the cache with the path-prefix form")
  void nsParameter() {
    TestImage image = TestImage.build(2, 1, 100);
    upstream.add("demo/app", "v1", image);
    assertThat(http.get("/v2/demo/app/manifests/v1?ns=up.test").body()).isEqualTo(image.manifest());
    assertThat(http.get("/v2/up.test/demo/app/manifests/" + image.manifestDigest()).statusCode())
        .isEqualTo(200);
    assertThat(upstream.count("GET", "/manifests/")).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "several upstreams at once: ns and a path prefix select one by name, anything else goes to the default")
  void severalUpstreams() throws Exception {
    registry.close();
    try (FakeUpstream other = new FakeUpstream();
        FakeUpstream fallback = new FakeUpstream()) {
      TestImage a = TestImage.build(20, 1, 100);
      TestImage b = TestImage.build(21, 1, 100);
      TestImage c = TestImage.build(22, 1, 100);
      upstream.add("lib/x", "v1", a);
      other.add("lib/x", "v1", b);
      fallback.add("lib/x", "v1", c);
      registry =
          startRegistry(
              "up.test=" + upstream.url() + ",other.test=" + other.url() + "," + fallback.url(),
              Map.of());
      Http client = new Http(Registries.url(registry));
      assertThat(client.get("/v2/lib/x/manifests/v1?ns=up.test").body()).isEqualTo(a.manifest());
      assertThat(client.get("/v2/other.test/lib/x/manifests/v1").body()).isEqualTo(b.manifest());
      assertThat(client.get("/v2/lib/x/manifests/v1").body()).isEqualTo(c.manifest());
      assertThat(client.get("/v2/lib/x/manifests/v1?ns=unknown.example").body())
          .isEqualTo(c.manifest());
    }
  }

  @Test
  @DisplayName(
      "tag lists come from the upstream when it answers and from the cache when it is down")
  void tagLists() throws Exception {
    TestImage image = TestImage.build(23, 1, 100);
    upstream.add("demo/app", "v1", image);
    upstream.add("demo/app", "v2", image);
    assertThat(
            new String(http.get("/v2/up.test/demo/app/tags/list").body(), StandardCharsets.UTF_8))
        .contains("\"v1\",\"v2\"");
    http.get("/v2/up.test/demo/app/manifests/v1");
    upstream.close();
    assertThat(
            new String(http.get("/v2/up.test/demo/app/tags/list").body(), StandardCharsets.UTF_8))
        .contains("[\"v1\"]");
  }

  @Test
  @DisplayName("after the upstream re-tags, the tag resolves to the new manifest")
  void retag() {
    TestImage first = TestImage.build(3, 1, 100);
    TestImage second = TestImage.build(4, 1, 100);
    upstream.add("demo/app", "v1", first);
    assertThat(http.get("/v2/up.test/demo/app/manifests/v1").body()).isEqualTo(first.manifest());
    upstream.add("demo/app", "v1", second);
    assertThat(http.get("/v2/up.test/demo/app/manifests/v1").body()).isEqualTo(second.manifest());
  }

  @Test
  @DisplayName("concurrent requests for an uncached blob share one upstream fetch")
  void coalescing() throws Exception {
    byte[] blob = new byte[512 * 1024];
    new java.util.Random(7).nextBytes(blob);
    String digest = TestImage.sha256(blob);
    upstream.blobs.put(digest, blob);
    upstream.holdHalfway = new CountDownLatch(1);

    List<CompletableFuture<HttpResponse<byte[]>>> pulls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      pulls.add(
          CompletableFuture.supplyAsync(() -> http.get("/v2/up.test/demo/big/blobs/" + digest)));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> upstream.count("GET", digest) >= 1);
    upstream.holdHalfway.countDown();

    for (CompletableFuture<HttpResponse<byte[]>> pull : pulls) {
      assertThat(pull.get().statusCode()).isEqualTo(200);
      assertThat(pull.get().body()).isEqualTo(blob);
    }
    assertThat(upstream.count("GET", digest)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "stream-through: the client receives bytes while the upstream is still sending, and the blob is then cached")
  void streamThrough() throws Exception {
    byte[] blob = new byte[1024 * 1024];
    new java.util.Random(8).nextBytes(blob);
    String digest = TestImage.sha256(blob);
    upstream.blobs.put(digest, blob);
    upstream.holdHalfway = new CountDownLatch(1);

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(Registries.url(registry) + "/v2/up.test/demo/big/blobs/" + digest))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(blob.length);
    byte[] firstQuarter;
    try (InputStream in = response.body()) {
      firstQuarter = in.readNBytes(blob.length / 4);
      assertThat(firstQuarter).isEqualTo(Arrays.copyOf(blob, blob.length / 4));
      upstream.holdHalfway.countDown();
      byte[] rest = in.readAllBytes();
      assertThat(rest.length + firstQuarter.length).isEqualTo(blob.length);
    }
    upstream.holdHalfway = null;
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(http.get("/v2/up.test/demo/big/blobs/" + digest).body())
                    .isEqualTo(blob));
    assertThat(upstream.count("GET", digest)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "Bearer challenges are answered with a token; credentials reach only a realm on the upstream's host")
  void bearerTokens() throws Exception {
    registry.close();
    registry = null;
    upstream.requiredToken = "t0k3n";
    upstream.realm = upstream.url() + "/token";
    TestImage image = TestImage.build(5, 1, 100);
    upstream.add("demo/app", "v1", image);
    try (LocalRegistry withCreds =
        startRegistry(
            "up.test=" + upstream.url(),
            Map.of("upstream.up.test.username", "u", "upstream.up.test.password", "p"))) {
      Http client = new Http(Registries.url(withCreds));
      assertThat(client.get("/v2/up.test/demo/app/manifests/v1").statusCode()).isEqualTo(200);
      assertThat(client.get("/v2/up.test/demo/app/blobs/" + image.configDigest()).statusCode())
          .isEqualTo(200);
      assertThat(upstream.tokenRequestAuthorization)
          .first()
          .isEqualTo(FakeUpstream.basic("u", "p"));
      assertThat(upstream.count("GET", "/token")).isEqualTo(1);
    }

    upstream.tokenRequestAuthorization.clear();
    upstream.realm = "http://localhost:" + upstream.port() + "/token";
    upstream.add("demo/other", "v1", TestImage.build(6, 1, 100));
    try (LocalRegistry foreignRealm =
        startRegistry(
            "up.test=" + upstream.url(),
            Map.of("upstream.up.test.username", "u", "upstream.up.test.password", "p"))) {
      Http client = new Http(Registries.url(foreignRealm));
      assertThat(client.get("/v2/up.test/demo/other/manifests/v1").statusCode()).isEqualTo(200);
      assertThat(upstream.tokenRequestAuthorization).containsOnly("null");
    }
  }

  @Test
  @DisplayName(
      "a Basic challenge is answered with the configured credentials; without them the upstream's 401 leaves the content unknown (404)")
  void basicAuth() throws Exception {
    registry.close();
    registry = null;
    upstream.requiredBasic = FakeUpstream.basic("u", "p");
    TestImage image = TestImage.build(12, 1, 100);
    upstream.add("demo/app", "v1", image);
    try (LocalRegistry anonymous = startRegistry("up.test=" + upstream.url(), Map.of())) {
      assertThat(
              new Http(Registries.url(anonymous))
                  .get("/v2/up.test/demo/app/manifests/v1")
                  .statusCode())
          .isEqualTo(404);
    }
    try (LocalRegistry withCreds =
        startRegistry(
            "up.test=" + upstream.url(),
            Map.of("upstream.up.test.username", "u", "upstream.up.test.password", "p"))) {
      Http client = new Http(Registries.url(withCreds));
      assertThat(client.get("/v2/up.test/demo/app/manifests/v1").body())
          .isEqualTo(image.manifest());
      assertThat(client.get("/v2/up.test/demo/app/blobs/" + image.layerDigest(0)).body())
          .isEqualTo(image.layers().get(0));
    }
  }

  @Test
  @DisplayName("Authorization is dropped when a blob download redirects to another host")
  void redirectDropsAuthorization() throws Exception {
    registry.close();
    registry = null;
    upstream.requiredToken = "t0k3n";
    upstream.realm = upstream.url() + "/token";
    upstream.redirectBlobsTo = "http://localhost:" + upstream.port();
    TestImage image = TestImage.build(7, 1, 100);
    upstream.add("demo/app", "v1", image);
    try (LocalRegistry r = startRegistry("up.test=" + upstream.url(), Map.of())) {
      Http client = new Http(Registries.url(r));
      assertThat(client.get("/v2/up.test/demo/app/blobs/" + image.layerDigest(0)).body())
          .isEqualTo(image.layers().get(0));
      assertThat(upstream.redirectedAuthorization).containsOnly("null");
    }
  }

  @Test
  @DisplayName(
      "offline: starts with the upstream black-holed, serves cached tags and blobs, and answers 404 for unknown content")
  void offline() throws Exception {
    TestImage image = TestImage.build(8, 1, 1000);
    upstream.add("demo/app", "v1", image);
    assertThat(http.get("/v2/up.test/demo/app/manifests/v1").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/up.test/demo/app/blobs/" + image.layerDigest(0)).statusCode())
        .isEqualTo(200);
    assertThat(http.get("/v2/up.test/demo/app/blobs/" + image.configDigest()).statusCode())
        .isEqualTo(200);
    registry.close();
    upstream.close();

    try (ServerSocket blackHole =
        new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      registry =
          startRegistry(
              "up.test=http://127.0.0.1:" + blackHole.getLocalPort(),
              Map.of("tag-deadline", "300ms", "upstream-timeout", "1s"));
      Http offline = new Http(Registries.url(registry));
      HttpResponse<byte[]> manifest = offline.get("/v2/up.test/demo/app/manifests/v1");
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(manifest.body()).isEqualTo(image.manifest());
      assertThat(offline.get("/v2/up.test/demo/app/blobs/" + image.layerDigest(0)).body())
          .isEqualTo(image.layers().get(0));
      HttpResponse<byte[]> unknown = offline.get("/v2/up.test/demo/app/manifests/v2");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("MANIFEST_UNKNOWN");
      assertThat(
              offline
                  .get("/v2/up.test/demo/app/blobs/" + TestImage.sha256(new byte[] {1}))
                  .statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  @DisplayName(
      "with the upstream known to be down, a cached tag is answered at once, also after the backoff (the re-check runs in the background)")
  void knownDownAnswersAtOnce() throws Exception {
    TestImage image = TestImage.build(9, 1, 100);
    upstream.add("demo/app", "v1", image);
    assertThat(http.get("/v2/up.test/demo/app/manifests/v1").statusCode()).isEqualTo(200);
    registry.close();
    upstream.close();

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (ServerSocket blackHole =
        new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      registry =
          Registries.start(
              dir,
              Map.of(
                  "upstream",
                  "up.test=http://127.0.0.1:" + blackHole.getLocalPort(),
                  "tag-deadline",
                  "2s",
                  "upstream-timeout",
                  "5s"),
              clock);
      Http offline = new Http(Registries.url(registry));
      assertThat(offline.get("/v2/up.test/demo/app/manifests/v1").statusCode()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofSeconds(11));
        long started = System.nanoTime();
        HttpResponse<byte[]> cached = offline.get("/v2/up.test/demo/app/manifests/v1");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(cached.body()).isEqualTo(image.manifest());
        assertThat(millis).as("answered without waiting for the 2 s tag deadline").isLessThan(1000);
      }
      assertThat(offline.get("/v2/up.test/demo/app/manifests/v2").statusCode()).isEqualTo(404);
    }
  }

  @Test
  @DisplayName(
      "a fetch that takes the cache over max-disk evicts the least recently used image at once, not at the next GC interval")
  void evictsWhenOverBudget() throws Exception {
    registry.close();
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    TestImage first = TestImage.build(30, 1, 50_000);
    TestImage second = TestImage.build(31, 1, 50_000);
    upstream.add("demo/first", "v1", first);
    upstream.add("demo/second", "v1", second);
    registry =
        Registries.start(
            dir, Map.of("upstream", "up.test=" + upstream.url(), "max-disk", "80000"), clock);
    Http client = new Http(Registries.url(registry));
    pull(client, "up.test/demo/first", first);
    clock.advance(Duration.ofMinutes(2));
    pull(client, "up.test/demo/second", second);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(new String(client.get("/metrics").body(), StandardCharsets.UTF_8))
                    .contains("registry_evictions_total{upstream=\"up.test\"} 1.0"));
    upstream.close();
    assertThat(
            client.get("/v2/up.test/demo/first/manifests/" + first.manifestDigest()).statusCode())
        .isEqualTo(404);
    assertThat(client.get("/v2/up.test/demo/second/blobs/" + second.layerDigest(0)).body())
        .isEqualTo(second.layers().get(0));
  }

  @Test
  @DisplayName(
      "an upstream that misses the tag deadline answers the cached tag, and uncached blobs are still fetched (not 404)")
  void slowTagIsNotAnOutage() throws Exception {
    registry.close();
    registry = startRegistry("up.test=" + upstream.url(), Map.of("tag-deadline", "200ms"));
    http = new Http(Registries.url(registry));
    TestImage image = TestImage.build(40, 2, 1000);
    upstream.add("demo/app", "v1", image);
    assertThat(http.get("/v2/up.test/demo/app/manifests/v1").body()).isEqualTo(image.manifest());

    upstream.holdManifests = new CountDownLatch(1);
    try {
      HttpResponse<byte[]> cached = http.get("/v2/up.test/demo/app/manifests/v1");
      assertThat(cached.statusCode()).isEqualTo(200);
      assertThat(cached.body()).isEqualTo(image.manifest());
      HttpResponse<byte[]> layer = http.get("/v2/up.test/demo/app/blobs/" + image.layerDigest(1));
      assertThat(layer.statusCode()).isEqualTo(200);
      assertThat(layer.body()).isEqualTo(image.layers().get(1));
    } finally {
      upstream.holdManifests.countDown();
    }
  }

  @Test
  @DisplayName(
      "a pull's first layer request fetches the image's other layers ahead, each once; reading only the manifest fetches no blob")
  void prefetchesLayers() throws Exception {
    TestImage inspected = TestImage.build(41, 3, 2000);
    upstream.add("demo/inspected", "v1", inspected);
    assertThat(http.get("/v2/up.test/demo/inspected/manifests/v1").statusCode()).isEqualTo(200);

    TestImage image = TestImage.build(42, 5, 2000);
    upstream.add("demo/app", "v1", image);
    assertThat(http.get("/v2/up.test/demo/app/manifests/v1").statusCode()).isEqualTo(200);
    assertThat(http.get("/v2/up.test/demo/app/blobs/" + image.layerDigest(0)).body())
        .isEqualTo(image.layers().get(0));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (int i = 1; i < 5; i++) {
                assertThat(upstream.count("GET", image.layerDigest(i))).isEqualTo(1);
              }
            });
    upstream.close();
    for (int i = 0; i < 5; i++) {
      assertThat(http.get("/v2/up.test/demo/app/blobs/" + image.layerDigest(i)).body())
          .isEqualTo(image.layers().get(i));
    }
    for (int i = 0; i < 5; i++) {
      assertThat(upstream.count("GET", image.layerDigest(i))).isEqualTo(1);
    }
    for (byte[] blob : inspected.blobs()) {
      assertThat(upstream.count("GET", TestImage.sha256(blob))).isZero();
    }
  }

  private static void pull(Http client, String repository, TestImage image) {
    assertThat(client.get("/v2/" + repository + "/manifests/v1").body())
        .isEqualTo(image.manifest());
    for (byte[] blob : image.blobs()) {
      assertThat(client.get("/v2/" + repository + "/blobs/" + TestImage.sha256(blob)).body())
          .isEqualTo(blob);
    }
  }
}
