package io.k3j.registry.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.testing.TestImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pull category: blobs and manifests by tag and digest, ranges, errors. */
class PullConformanceIT extends ConformanceBase {
  @Test
  @DisplayName("GET /v2/ answers 200 with the API version header")
  void base() {
    HttpResponse<byte[]> response = http.get("/v2/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Docker-Distribution-API-Version"))
        .contains("registry/2.0");
  }

  @Test
  @DisplayName(
      "pull: HEAD/GET of blobs and manifests by tag and digest carry digest and length; misses are 404 with OCI errors")
  void pull() throws Exception {
    TestImage image = TestImage.build(100, 1, 500);
    http.pushImage("conf/pull", "v1", image);

    HttpResponse<byte[]> missing =
        http.get("/v2/conf/pull/blobs/" + TestImage.sha256(new byte[] {7}));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).at("/errors/0/code").asText()).isEqualTo("BLOB_UNKNOWN");
    assertThat(http.head("/v2/conf/pull/blobs/" + TestImage.sha256(new byte[] {7})).statusCode())
        .isEqualTo(404);

    HttpResponse<byte[]> headBlob = http.head("/v2/conf/pull/blobs/" + image.configDigest());
    assertThat(headBlob.statusCode()).isEqualTo(200);
    assertThat(headBlob.headers().firstValue("Docker-Content-Digest"))
        .contains(image.configDigest());
    assertThat(headBlob.headers().firstValueAsLong("Content-Length"))
        .hasValue(image.config().length);
    assertThat(http.get("/v2/conf/pull/blobs/" + image.layerDigest(0)).body())
        .isEqualTo(image.layers().get(0));

    for (String ref : new String[] {"v1", image.manifestDigest()}) {
      HttpResponse<byte[]> head = http.head("/v2/conf/pull/manifests/" + ref);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Docker-Content-Digest"))
          .contains(image.manifestDigest());
      assertThat(head.headers().firstValueAsLong("Content-Length"))
          .hasValue(image.manifest().length);
      HttpResponse<byte[]> get =
          http.get("/v2/conf/pull/manifests/" + ref, "Accept", TestImage.MANIFEST_TYPE);
      assertThat(get.body()).isEqualTo(image.manifest());
      assertThat(get.headers().firstValue("Content-Type")).contains(TestImage.MANIFEST_TYPE);
    }
    assertThat(http.get("/v2/conf/pull/manifests/nope").statusCode()).isEqualTo(404);
    HttpResponse<byte[]> wrong = http.get("/v2/conf/pull/manifests/sha256:totallywrong");
    assertThat(wrong.statusCode()).isIn(400, 404);
    assertThat(json(wrong).at("/errors/0/code").asText()).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  @DisplayName("pull: Range GETs answer 206 with Content-Range, unsatisfiable ranges 416")
  void ranges() {
    byte[] blob = new byte[2048];
    new Random(5).nextBytes(blob);
    http.pushBlob("conf/range", blob);
    String path = "/v2/conf/range/blobs/" + TestImage.sha256(blob);

    HttpResponse<byte[]> partial = http.get(path, "Range", "bytes=500-1499");
    assertThat(partial.statusCode()).isEqualTo(206);
    assertThat(partial.headers().firstValue("Content-Range")).contains("bytes 500-1499/2048");
    assertThat(partial.body()).isEqualTo(Arrays.copyOfRange(blob, 500, 1500));
    assertThat(http.get(path, "Range", "bytes=-500").body())
        .isEqualTo(Arrays.copyOfRange(blob, 1548, 2048));
    assertThat(http.get(path, "Range", "bytes=2000-5000").body()).hasSize(48);
    assertThat(http.get(path, "Range", "bytes=5000-10000").statusCode()).isEqualTo(416);
    assertThat(http.get(path, "Range", "bytes=500-0").statusCode()).isEqualTo(416);
  }

  @Test
  @DisplayName("invalid names are 400 NAME_INVALID; /healthz and /metrics answer")
  void namesHealthMetrics() throws Exception {
    HttpResponse<byte[]> invalid = http.get("/v2/UPPER/manifests/v1");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(json(invalid).at("/errors/0/code").asText()).isEqualTo("NAME_INVALID");
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(new String(http.get("/metrics").body(), StandardCharsets.UTF_8))
        .contains("registry_served_bytes");
  }

  @Test
  @DisplayName(
      "pull: two manifests sharing a layer answer HEAD and GET by digest and by tag with their own digest; a missing manifest is 404 on HEAD too")
  void twoManifests() {
    TestImage first = TestImage.build(110, 1, 300);
    TestImage second = TestImage.build(111, 0, 0, "arm64", first.layers());
    http.pushImage("conf/pull2", "first", first);
    http.pushImage("conf/pull2", "second", second);
    for (TestImage image : List.of(first, second)) {
      String tag = image == first ? "first" : "second";
      for (String ref : new String[] {image.manifestDigest(), tag}) {
        for (String method : new String[] {"HEAD", "GET"}) {
          HttpResponse<byte[]> response =
              http.send(method, "/v2/conf/pull2/manifests/" + ref, null);
          assertThat(response.statusCode()).as(method + " " + ref).isEqualTo(200);
          assertThat(response.headers().firstValue("Docker-Content-Digest"))
              .contains(image.manifestDigest());
        }
      }
    }
    assertThat(http.head("/v2/conf/pull2/manifests/missing").statusCode()).isEqualTo(404);
    assertThat(
            http.head("/v2/conf/pull2/manifests/" + TestImage.sha256(new byte[] {8})).statusCode())
        .isEqualTo(404);
  }
}
