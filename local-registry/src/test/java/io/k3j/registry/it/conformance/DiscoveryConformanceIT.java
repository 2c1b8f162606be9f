package io.k3j.registry.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.testing.TestImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Content discovery category: tag lists, catalog and referrers. */
class DiscoveryConformanceIT extends ConformanceBase {
  @Test
  @DisplayName(
      "discovery: tags are listed in order and paginated with n, last and a Link header; _catalog likewise")
  void tagsAndCatalog() throws Exception {
    TestImage image = TestImage.build(103, 1, 100);
    http.pushImage("conf/list", "c", image);
    http.pushImage("conf/list2", "c", image);
    for (String tag : new String[] {"a", "d", "b"}) {
      http.put(
          "/v2/conf/list/manifests/" + tag,
          image.manifest(),
          "Content-Type",
          TestImage.MANIFEST_TYPE);
    }
    assertThat(json(http.get("/v2/conf/list/tags/list")).get("tags").toString())
        .isEqualTo("[\"a\",\"b\",\"c\",\"d\"]");
    HttpResponse<byte[]> page = http.get("/v2/conf/list/tags/list?n=2");
    assertThat(json(page).get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(page.headers().firstValue("Link"))
        .contains("</v2/conf/list/tags/list?n=2&last=b>; rel=\"next\"");
    assertThat(json(http.get("/v2/conf/list/tags/list?n=2&last=b")).get("tags").toString())
        .isEqualTo("[\"c\",\"d\"]");
    assertThat(json(http.get("/v2/conf/list/tags/list?n=0")).get("tags").size()).isZero();
    assertThat(http.get("/v2/conf/unknown/tags/list").statusCode()).isEqualTo(404);

    HttpResponse<byte[]> catalog = http.get("/v2/_catalog?n=1");
    assertThat(json(catalog).get("repositories").size()).isEqualTo(1);
    assertThat(catalog.headers().firstValue("Link")).isPresent();
  }

  @Test
  @DisplayName(
      "discovery: referrers list manifests with a subject, filter by artifactType, and answer an empty index for unknown subjects")
  void referrers() throws Exception {
    TestImage subject = TestImage.build(104, 1, 100);
    byte[] emptyConfig = "{}".getBytes(StandardCharsets.UTF_8);
    http.pushBlob("conf/ref", emptyConfig);
    String subjectDescriptor =
        "{\"mediaType\":\""
            + TestImage.MANIFEST_TYPE
            + "\",\"digest\":\""
            + subject.manifestDigest()
            + "\",\"size\":"
            + subject.manifest().length
            + "}";
    String[] types = {"application/vnd.example.sbom", "application/vnd.example.sig"};
    for (int i = 0; i < 3; i++) {
      String artifact =
          "{\"schemaVersion\":2,\"mediaType\":\""
              + TestImage.MANIFEST_TYPE
              + "\",\"artifactType\":\""
              + types[i % 2]
              + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
              + TestImage.sha256(emptyConfig)
              + "\",\"size\":2},\"layers\":[],\"subject\":"
              + subjectDescriptor
              + ",\"annotations\":{\"n\":\""
              + i
              + "\"}}";
      HttpResponse<byte[]> put =
          http.put(
              "/v2/conf/ref/manifests/"
                  + TestImage.sha256(artifact.getBytes(StandardCharsets.UTF_8)),
              artifact.getBytes(StandardCharsets.UTF_8),
              "Content-Type",
              TestImage.MANIFEST_TYPE);
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(put.headers().firstValue("OCI-Subject")).contains(subject.manifestDigest());
    }
    http.pushImage("conf/ref", "v1", subject);

    HttpResponse<byte[]> all = http.get("/v2/conf/ref/referrers/" + subject.manifestDigest());
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).contains(TestImage.INDEX_TYPE);
    assertThat(json(all).get("manifests").size()).isEqualTo(3);
    assertThat(json(all).at("/manifests/0/annotations/n").isTextual()).isTrue();

    HttpResponse<byte[]> filtered =
        http.get(
            "/v2/conf/ref/referrers/" + subject.manifestDigest() + "?artifactType=" + types[1]);
    assertThat(json(filtered).get("manifests").size()).isEqualTo(1);
    assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).contains("artifactType");

    HttpResponse<byte[]> none =
        http.get("/v2/conf/ref/referrers/" + TestImage.sha256(new byte[] {4}));
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(json(none).get("manifests").size()).isZero();
    assertThat(http.get("/v2/conf/ref/referrers/sha256:bad").statusCode()).isEqualTo(400);
  }
}
