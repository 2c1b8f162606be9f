package io.k3j.registry.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.testing.TestImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Push category: monolithic, streamed and chunked uploads, mounts, manifests. */
class PushConformanceIT extends ConformanceBase {
  @Test
  @DisplayName(
      "push: streamed PATCH, single-POST monolithic, POST+PUT, and a bad digest is 400 DIGEST_INVALID")
  void pushModes() throws Exception {
    byte[] streamed = "streamed blob".getBytes(StandardCharsets.UTF_8);
    String location =
        http.post("/v2/conf/push/blobs/uploads/", null)
            .headers()
            .firstValue("Location")
            .orElseThrow();
    HttpResponse<byte[]> patch =
        http.patch(location, streamed, "Content-Type", "application/octet-stream");
    assertThat(patch.statusCode()).isEqualTo(202);
    assertThat(patch.headers().firstValue("Range")).contains("0-" + (streamed.length - 1));
    HttpResponse<byte[]> close =
        http.put(
            patch.headers().firstValue("Location").orElseThrow()
                + "?digest="
                + TestImage.sha256(streamed),
            null);
    assertThat(close.statusCode()).isEqualTo(201);
    assertThat(close.headers().firstValue("Location"))
        .contains("/v2/conf/push/blobs/" + TestImage.sha256(streamed));

    byte[] single = "single post".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> post =
        http.post(
            "/v2/conf/push/blobs/uploads/?digest=" + TestImage.sha256(single),
            single,
            "Content-Type",
            "application/octet-stream");
    assertThat(post.statusCode()).isEqualTo(201);
    assertThat(http.get("/v2/conf/push/blobs/" + TestImage.sha256(single)).body())
        .isEqualTo(single);

    String loc =
        http.post("/v2/conf/push/blobs/uploads/", null)
            .headers()
            .firstValue("Location")
            .orElseThrow();
    HttpResponse<byte[]> bad =
        http.put(loc + "?digest=" + TestImage.sha256(new byte[] {1}), single);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).at("/errors/0/code").asText()).isEqualTo("DIGEST_INVALID");
  }

  @Test
  @DisplayName(
      "push: chunks in order get 202 with Range; out-of-order or repeated chunks get 416; status GET is 204")
  void chunked() {
    byte[] blob = new byte[3000];
    new Random(9).nextBytes(blob);
    byte[] one = Arrays.copyOfRange(blob, 0, 1000);
    byte[] two = Arrays.copyOfRange(blob, 1000, 3000);
    String location =
        http.post("/v2/conf/chunk/blobs/uploads/", null)
            .headers()
            .firstValue("Location")
            .orElseThrow();

    assertThat(http.patch(location, two, "Content-Range", "1000-2999").statusCode()).isEqualTo(416);
    HttpResponse<byte[]> first = http.patch(location, one, "Content-Range", "0-999");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.headers().firstValue("Range")).contains("0-999");
    assertThat(http.patch(location, one, "Content-Range", "0-999").statusCode()).isEqualTo(416);
    HttpResponse<byte[]> status = http.get(location);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(status.headers().firstValue("Range")).contains("0-999");
    assertThat(status.headers().firstValue("Location")).isPresent();
    assertThat(http.patch(location, two, "Content-Range", "1000-2999").statusCode()).isEqualTo(202);
    assertThat(http.put(location + "?digest=" + TestImage.sha256(blob), null).statusCode())
        .isEqualTo(201);
    assertThat(http.get("/v2/conf/chunk/blobs/" + TestImage.sha256(blob)).body()).isEqualTo(blob);
  }

  @Test
  @DisplayName(
      "push: cross-repository mount is 201 for a known blob, 202 with a new upload otherwise; DELETE cancels an upload")
  void mountAndCancel() {
    byte[] blob = "mount me".getBytes(StandardCharsets.UTF_8);
    http.pushBlob("conf/source", blob);
    HttpResponse<byte[]> mounted =
        http.post(
            "/v2/conf/target/blobs/uploads/?mount=" + TestImage.sha256(blob) + "&from=conf/source",
            null);
    assertThat(mounted.statusCode()).isEqualTo(201);
    assertThat(mounted.headers().firstValue("Location"))
        .contains("/v2/conf/target/blobs/" + TestImage.sha256(blob));
    assertThat(http.get("/v2/conf/target/blobs/" + TestImage.sha256(blob)).statusCode())
        .isEqualTo(200);

    HttpResponse<byte[]> fresh =
        http.post(
            "/v2/conf/target/blobs/uploads/?mount="
                + TestImage.sha256(new byte[] {3})
                + "&from=conf/source",
            null);
    assertThat(fresh.statusCode()).isEqualTo(202);
    String location = fresh.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/v2/conf/target/blobs/uploads/");
    assertThat(http.delete(location).statusCode()).isEqualTo(204);
    assertThat(http.get(location).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName(
      "push: a manifest under several tags, an empty-layers manifest, and a 413 over the size limit")
  void manifests() throws Exception {
    TestImage image = TestImage.build(101, 1, 100);
    http.pushImage("conf/tags", "test0", image);
    for (String tag : new String[] {"test1", "test2", "test3"}) {
      HttpResponse<byte[]> put =
          http.put(
              "/v2/conf/tags/manifests/" + tag,
              image.manifest(),
              "Content-Type",
              TestImage.MANIFEST_TYPE);
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(put.headers().firstValue("Location")).isPresent();
      assertThat(put.headers().firstValue("Docker-Content-Digest"))
          .contains(image.manifestDigest());
    }
    TestImage empty = TestImage.build(102, 0, 0);
    http.pushBlob("conf/tags", empty.config());
    assertThat(
            http.put(
                    "/v2/conf/tags/manifests/empty",
                    empty.manifest(),
                    "Content-Type",
                    TestImage.MANIFEST_TYPE)
                .statusCode())
        .isEqualTo(201);

    byte[] huge = new byte[5 * 1024 * 1024];
    Arrays.fill(huge, (byte) ' ');
    HttpResponse<byte[]> tooLarge =
        http.put("/v2/conf/tags/manifests/huge", huge, "Content-Type", TestImage.MANIFEST_TYPE);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
  }

  @Test
  @DisplayName(
      "push: sha512 blobs, PUT by digest with ?tag= (OCI-Tag), wrong digests and unknown uploads are errors")
  void digestsAndTags() throws Exception {
    byte[] blob = "sha512 blob".getBytes(StandardCharsets.UTF_8);
    java.security.MessageDigest sha512 = java.security.MessageDigest.getInstance("SHA-512");
    String digest512 = "sha512:" + java.util.HexFormat.of().formatHex(sha512.digest(blob));
    HttpResponse<byte[]> post =
        http.post("/v2/conf/digests/blobs/uploads/?digest=" + digest512, blob);
    assertThat(post.statusCode()).isEqualTo(201);
    HttpResponse<byte[]> get = http.get("/v2/conf/digests/blobs/" + digest512);
    assertThat(get.body()).isEqualTo(blob);
    assertThat(get.headers().firstValue("Docker-Content-Digest")).contains(digest512);

    TestImage image = TestImage.build(106, 1, 100);
    for (byte[] b : image.blobs()) {
      http.pushBlob("conf/digests", b);
    }
    HttpResponse<byte[]> tagged =
        http.put(
            "/v2/conf/digests/manifests/" + image.manifestDigest() + "?tag=a&tag=b",
            image.manifest(),
            "Content-Type",
            TestImage.MANIFEST_TYPE);
    assertThat(tagged.statusCode()).isEqualTo(201);
    assertThat(tagged.headers().allValues("OCI-Tag")).containsExactly("a", "b");
    assertThat(http.get("/v2/conf/digests/manifests/b").body()).isEqualTo(image.manifest());

    HttpResponse<byte[]> wrong =
        http.put(
            "/v2/conf/digests/manifests/" + TestImage.sha256(new byte[] {1}),
            image.manifest(),
            "Content-Type",
            TestImage.MANIFEST_TYPE);
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(json(wrong).at("/errors/0/code").asText()).isEqualTo("DIGEST_INVALID");

    HttpResponse<byte[]> unknown =
        http.patch("/v2/conf/digests/blobs/uploads/no-such-upload", blob);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).at("/errors/0/code").asText()).isEqualTo("BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  @DisplayName(
      "push: POST then PUT with the body gives 201 and the blob's Location; a mount without from starts an upload for an unknown blob and mounts a known one")
  void postPutAndMountWithoutFrom() {
    byte[] blob = "post then put".getBytes(StandardCharsets.UTF_8);
    String digest = TestImage.sha256(blob);
    String location =
        http.post("/v2/conf/postput/blobs/uploads/", null)
            .headers()
            .firstValue("Location")
            .orElseThrow();
    HttpResponse<byte[]> put =
        http.put(location + "?digest=" + digest, blob, "Content-Type", "application/octet-stream");
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Location")).contains("/v2/conf/postput/blobs/" + digest);
    assertThat(http.get("/v2/conf/postput/blobs/" + digest).body()).isEqualTo(blob);

    HttpResponse<byte[]> unknown =
        http.post("/v2/conf/anon/blobs/uploads/?mount=" + TestImage.sha256(new byte[] {9}), null);
    assertThat(unknown.statusCode()).isEqualTo(202);
    assertThat(unknown.headers().firstValue("Location").orElseThrow())
        .startsWith("/v2/conf/anon/blobs/uploads/");
    HttpResponse<byte[]> known = http.post("/v2/conf/anon/blobs/uploads/?mount=" + digest, null);
    assertThat(known.statusCode()).isEqualTo(201);
    assertThat(known.headers().firstValue("Location")).contains("/v2/conf/anon/blobs/" + digest);
    assertThat(http.get("/v2/conf/anon/blobs/" + digest).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "push: the conformance data sets are stored byte for byte: index, nested and sparse index, artifact with data and custom fields, non-distributable layer, 0-byte blob")
  void dataSets() {
    TestImage image = TestImage.build(120, 1, 100);
    http.pushImage("conf/data", "image", image);
    byte[] nothing = new byte[0];
    HttpResponse<byte[]> zero =
        http.post("/v2/conf/data/blobs/uploads/?digest=" + TestImage.sha256(nothing), nothing);
    assertThat(zero.statusCode()).isEqualTo(201);
    HttpResponse<byte[]> zeroGet = http.get("/v2/conf/data/blobs/" + TestImage.sha256(nothing));
    assertThat(zeroGet.statusCode()).isEqualTo(200);
    assertThat(zeroGet.body()).isEmpty();
    assertThat(
            http.head("/v2/conf/data/blobs/" + TestImage.sha256(nothing))
                .headers()
                .firstValueAsLong("Content-Length"))
        .hasValue(0);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    http.pushBlob("conf/data", empty);

    byte[] index = TestImage.index(List.of(image));
    String nested =
        "{\"schemaVersion\":2,\"mediaType\":\"%s\",\"manifests\":[%s]}"
            .formatted(TestImage.INDEX_TYPE, descriptor(TestImage.INDEX_TYPE, index));
    String sparse =
        ("{\"schemaVersion\":2,\"mediaType\":\"%s\",\"manifests\":[%s,{\"mediaType\":\"%s\","
                + "\"digest\":\"%s\",\"size\":123,\"platform\":{\"architecture\":\"arm64\","
                + "\"os\":\"linux\"}}]}")
            .formatted(
                TestImage.INDEX_TYPE,
                descriptor(TestImage.MANIFEST_TYPE, image.manifest()),
                TestImage.MANIFEST_TYPE,
                TestImage.sha256(new byte[] {42}));
    String artifact =
        ("{\"schemaVersion\":2,\"mediaType\":\"%s\",\"artifactType\":\"application/vnd.example.data\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"%s\","
                + "\"size\":2,\"data\":\"e30=\"},\"layers\":[{\"mediaType\":\"application/vnd.example.thing\","
                + "\"digest\":\"%s\",\"size\":0}],\"x-custom-field\":{\"kept\":[1,2,3]}}")
            .formatted(TestImage.MANIFEST_TYPE, TestImage.sha256(empty), TestImage.sha256(nothing));
    String foreign =
        ("{\"schemaVersion\":2,\"mediaType\":\"%s\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"digest\":\"%s\",\"size\":%d},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip\","
                + "\"digest\":\"%s\",\"size\":1000,\"urls\":[\"https://example.com/layer\"]}]}")
            .formatted(
                "application/vnd.docker.distribution.manifest.v2+json",
                image.configDigest(),
                image.config().length,
                TestImage.sha256(new byte[] {43}));
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put(new String(index, StandardCharsets.UTF_8), TestImage.INDEX_TYPE);
    sets.put(nested, TestImage.INDEX_TYPE);
    sets.put(sparse, TestImage.INDEX_TYPE);
    sets.put(artifact, TestImage.MANIFEST_TYPE);
    sets.put(foreign, "application/vnd.docker.distribution.manifest.v2+json");
    int n = 0;
    for (Map.Entry<String, String> set : sets.entrySet()) {
      byte[] bytes = set.getKey().getBytes(StandardCharsets.UTF_8);
      HttpResponse<byte[]> put =
          http.put("/v2/conf/data/manifests/set" + n++, bytes, "Content-Type", set.getValue());
      assertThat(put.statusCode()).as(set.getKey()).isEqualTo(201);
      assertThat(put.headers().firstValue("Docker-Content-Digest"))
          .contains(TestImage.sha256(bytes));
      HttpResponse<byte[]> get =
          http.get("/v2/conf/data/manifests/" + TestImage.sha256(bytes), "Accept", set.getValue());
      assertThat(get.body()).isEqualTo(bytes);
      assertThat(get.headers().firstValue("Content-Type")).contains(set.getValue());
    }
  }

  private static String descriptor(String mediaType, byte[] content) {
    return "{\"mediaType\":\"%s\",\"digest\":\"%s\",\"size\":%d}"
        .formatted(mediaType, TestImage.sha256(content), content.length);
  }
}
