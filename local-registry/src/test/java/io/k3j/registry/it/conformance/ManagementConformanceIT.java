package io.k3j.registry.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.testing.TestImage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Content management category: deletes. */
class ManagementConformanceIT extends ConformanceBase {
  @Test
  @DisplayName(
      "management: deleting a tag, a manifest and blobs makes them 404 and shrinks the tag list")
  void deletes() throws Exception {
    TestImage image = TestImage.build(105, 1, 100);
    http.pushImage("conf/del", "keep", image);
    http.put(
        "/v2/conf/del/manifests/gone", image.manifest(), "Content-Type", TestImage.MANIFEST_TYPE);

    assertThat(http.delete("/v2/conf/del/manifests/gone").statusCode()).isEqualTo(202);
    assertThat(json(http.get("/v2/conf/del/tags/list")).get("tags").size()).isEqualTo(1);
    assertThat(http.delete("/v2/conf/del/manifests/" + image.manifestDigest()).statusCode())
        .isEqualTo(202);
    assertThat(http.get("/v2/conf/del/manifests/" + image.manifestDigest()).statusCode())
        .isEqualTo(404);
    assertThat(http.get("/v2/conf/del/manifests/keep").statusCode()).isEqualTo(404);
    assertThat(http.delete("/v2/conf/del/blobs/" + image.configDigest()).statusCode())
        .isEqualTo(202);
    assertThat(http.get("/v2/conf/del/blobs/" + image.configDigest()).statusCode()).isEqualTo(404);
    assertThat(http.delete("/v2/conf/del/blobs/" + image.configDigest()).statusCode())
        .isEqualTo(404);
  }

  @Test
  @DisplayName(
      "management: deleting the config and layer blobs makes both 404, and the tag list shrinks one tag at a time")
  void blobsAndTagCount() throws Exception {
    TestImage image = TestImage.build(106, 2, 100);
    http.pushImage("conf/del2", "t0", image);
    for (String tag : new String[] {"t1", "t2"}) {
      http.put(
          "/v2/conf/del2/manifests/" + tag,
          image.manifest(),
          "Content-Type",
          TestImage.MANIFEST_TYPE);
    }
    for (int left = 2; left >= 0; left--) {
      assertThat(http.delete("/v2/conf/del2/manifests/t" + left).statusCode()).isEqualTo(202);
      assertThat(json(http.get("/v2/conf/del2/tags/list")).get("tags").size()).isEqualTo(left);
    }
    for (String digest :
        new String[] {image.configDigest(), image.layerDigest(0), image.layerDigest(1)}) {
      assertThat(http.delete("/v2/conf/del2/blobs/" + digest).statusCode()).isEqualTo(202);
      assertThat(http.get("/v2/conf/del2/blobs/" + digest).statusCode()).isEqualTo(404);
    }
  }
}
