package io.k3j.registry.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.registry.testing.TestImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
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

  static final String SBOM = "application/vnd.example.sbom";
  static final String SIGNATURE = "application/vnd.example.sig";
  static final String CONFIG_TYPE = "application/vnd.example.config.v1+json";

  @Test
  @DisplayName(
      "discovery: five referrers pushed before and after their subject are listed with their artifactType and one annotation each; the artifactType filter, an unknown and a never-pushed subject behave as the suite expects")
  void referrers() throws Exception {
    TestImage subject = TestImage.build(104, 1, 100);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    http.pushBlob("conf/ref", empty);
    http.pushBlob("conf/ref", "config".getBytes(StandardCharsets.UTF_8));
    String about =
        descriptor(TestImage.MANIFEST_TYPE, subject.manifestDigest(), subject.manifest().length);
    String missing = descriptor(TestImage.MANIFEST_TYPE, TestImage.sha256(new byte[] {77}), 10);

    pushReferrer(
        artifact(null, CONFIG_TYPE, "config".getBytes(StandardCharsets.UTF_8), about, "1"), about);
    pushReferrer(artifact(SBOM, "application/vnd.oci.empty.v1+json", empty, about, "2"), about);
    pushReferrer(
        "{\"schemaVersion\":2,\"mediaType\":\"%s\",\"artifactType\":\"%s\",\"manifests\":[],\"subject\":%s,\"annotations\":{\"n\":\"3\"}}"
            .formatted(TestImage.INDEX_TYPE, SIGNATURE, about),
        about);
    http.pushImage("conf/ref", "v1", subject);
    pushReferrer(artifact(SBOM, "application/vnd.oci.empty.v1+json", empty, about, "4"), about);
    pushReferrer(
        artifact(SIGNATURE, "application/vnd.oci.empty.v1+json", empty, about, "5"), about);
    pushReferrer(artifact(SBOM, "application/vnd.oci.empty.v1+json", empty, missing, "6"), missing);

    HttpResponse<byte[]> all = http.get("/v2/conf/ref/referrers/" + subject.manifestDigest());
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).contains(TestImage.INDEX_TYPE);
    JsonNode manifests = json(all).get("manifests");
    assertThat(manifests).hasSize(5);
    Map<String, String> typeByAnnotation = new TreeMap<>();
    for (JsonNode entry : manifests) {
      assertThat(entry.get("annotations").size()).isEqualTo(1);
      typeByAnnotation.put(entry.at("/annotations/n").asText(), entry.get("artifactType").asText());
    }
    assertThat(typeByAnnotation)
        .containsExactly(
            Map.entry("1", CONFIG_TYPE),
            Map.entry("2", SBOM),
            Map.entry("3", SIGNATURE),
            Map.entry("4", SBOM),
            Map.entry("5", SIGNATURE));

    HttpResponse<byte[]> filtered =
        http.get("/v2/conf/ref/referrers/" + subject.manifestDigest() + "?artifactType=" + SBOM);
    assertThat(json(filtered).get("manifests")).hasSize(2);
    assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).contains("artifactType");

    HttpResponse<byte[]> none =
        http.get("/v2/conf/ref/referrers/" + TestImage.sha256(new byte[] {4}));
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(json(none).get("manifests")).isEmpty();
    HttpResponse<byte[]> ofMissing =
        http.get("/v2/conf/ref/referrers/" + TestImage.sha256(new byte[] {77}));
    assertThat(json(ofMissing).get("manifests")).hasSize(1);
    assertThat(http.get("/v2/conf/ref/referrers/sha256:bad").statusCode()).isEqualTo(400);
  }

  private void pushReferrer(String manifest, String subjectDescriptor) throws Exception {
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    String type = JSON.readTree(bytes).get("mediaType").asText();
    HttpResponse<byte[]> put =
        http.put("/v2/conf/ref/manifests/" + TestImage.sha256(bytes), bytes, "Content-Type", type);
    assertThat(put.statusCode()).as(manifest).isEqualTo(201);
    assertThat(put.headers().firstValue("OCI-Subject"))
        .contains(JSON.readTree(subjectDescriptor).get("digest").asText());
  }

  private static String artifact(
      String artifactType, String configType, byte[] config, String subject, String n) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"%s\",%s\"config\":%s,\"layers\":[],"
            + "\"subject\":%s,\"annotations\":{\"n\":\"%s\"}}")
        .formatted(
            TestImage.MANIFEST_TYPE,
            artifactType == null ? "" : "\"artifactType\":\"" + artifactType + "\",",
            descriptor(configType, TestImage.sha256(config), config.length),
            subject,
            n);
  }

  private static String descriptor(String mediaType, String digest, long size) {
    return "{\"mediaType\":\"%s\",\"digest\":\"%s\",\"size\":%d}"
        .formatted(mediaType, digest, size);
  }
}
