package io.k3j.core.apiserver.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoredJsonTest {
  private static final List<String> OBJECTS =
      List.of(
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\","
              + "\"namespace\":\"ns\",\"labels\":{\"k\":\"gr\u00fc\u00dfe \u2603\"},"
              + "\"managedFields\":[{\"manager\":\"m\",\"fieldsV1\":{\"f:data\":{}}}]},"
              + "\"data\":{\"x\":\"\\\"quoted\\\"\\n\",\"\u00e4\":\"\u00f6\"}}",
          "{\"kind\":\"Pod\",\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}}},"
              + "\"n\":1.5e10,\"i\":-3,\"b\":true,\"z\":null,\"e\":[]},\"metadata\":{\"name\":\"p\"},"
              + "\"status\":{}}",
          "{\"metadata\":{},\"data\":{}}");

  private static String withVersion(String json, long revision) {
    ObjectNode object = Json.object(json.getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) object.get("metadata")).put("resourceVersion", Long.toString(revision));
    return new String(Json.bytes(object), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("the stored bytes are Json.bytes, and a client's copy is them with resourceVersion")
  void splicesWhatSerialisingAgainGives() {
    for (String json : OBJECTS) {
      ObjectNode object = Json.object(json.getBytes(StandardCharsets.UTF_8));
      StoredJson stored = StoredJson.of(object);
      assertThat(stored.json()).isEqualTo(Json.bytes(object));
      assertThat(new String(stored.withResourceVersion(42), StandardCharsets.UTF_8))
          .isEqualTo(withVersion(json, 42));
    }
  }

  @Test
  @DisplayName("scanning stored bytes finds the same end of metadata as writing them did")
  void scanFindsTheEndOfMetadata() {
    for (String json : OBJECTS) {
      StoredJson written = StoredJson.of(Json.object(json.getBytes(StandardCharsets.UTF_8)));
      StoredJson scanned = StoredJson.scan(written.json(), null);
      assertThat(scanned.metadataEnd()).isEqualTo(written.metadataEnd());
      assertThat(scanned.metadataEmpty()).isEqualTo(written.metadataEmpty());
      assertThat(new String(scanned.withResourceVersion(7), StandardCharsets.UTF_8))
          .isEqualTo(withVersion(json, 7));
    }
  }

  @Test
  @DisplayName("objects the store changes on the way out are not spliced")
  void refusesWhatCannotBeSpliced() {
    byte[] versioned =
        "{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"3\"}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(StoredJson.scan(versioned, null).withResourceVersion(4)).isNull();
    assertThat(StoredJson.of(Json.object(versioned)).spliceable()).isFalse();
    byte[] noMetadata = "{\"kind\":\"X\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(StoredJson.scan(noMetadata, null).spliceable()).isFalse();
    assertThat(StoredJson.of(Json.object(noMetadata)).spliceable()).isFalse();
    byte[] custom =
        "{\"apiVersion\":\"example.com/v1\",\"metadata\":{\"name\":\"a\"}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(StoredJson.scan(custom, "example.com/v2").spliceable()).isFalse();
    assertThat(StoredJson.scan(custom, "example.com/v1").spliceable()).isTrue();
    assertThat(StoredJson.scan("not json".getBytes(StandardCharsets.UTF_8), null).spliceable())
        .isFalse();
  }
}
