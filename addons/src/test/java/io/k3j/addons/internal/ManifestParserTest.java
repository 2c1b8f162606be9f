package io.k3j.addons.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.addons.internal.ManifestParser.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
  static List<ManifestObject> parse(String text) throws ParseException {
    return ManifestParser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("documents split on --- lines; empty and comment-only documents are skipped")
  void multiDocument() throws Exception {
    List<ManifestObject> objects =
        parse(
            """
            ---
            # leading comment
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, namespace: default}
            ---   \s
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: b
            ---
            """);
    assertThat(objects)
        .extracting(o -> o.resource().getMetadata().getName())
        .containsExactly("a", "b");
    assertThat(objects).extracting(ManifestObject::document).containsExactly(1, 2);
    assertThat(objects).extracting(ManifestObject::line).containsExactly(4, 8);
    assertThat(objects.get(1).gvk().toString()).isEqualTo("apps/v1, Kind=Deployment");
    assertThat(objects.get(0).gvk().toString()).isEqualTo("/v1, Kind=ConfigMap");
  }

  @Test
  @DisplayName("a kind: List contributes its items, each numbered")
  void list() throws Exception {
    List<ManifestObject> objects =
        parse(
            """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}
            - {apiVersion: v1, kind: Secret, metadata: {name: y}}
            """);
    assertThat(objects)
        .extracting(o -> o.resource().getKind())
        .containsExactly("ConfigMap", "Secret");
    assertThat(objects.get(1).origin()).isEqualTo("document 1 (line 1) item 2");
  }

  @Test
  @DisplayName("JSON files parse the same way")
  void json() throws Exception {
    List<ManifestObject> objects =
        parse(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"j\"},"
                + "\"data\":{\"k\":\"v\"}}");
    assertThat(objects)
        .singleElement()
        .satisfies(o -> assertThat(o.resource().get("data").toString()).contains("k"));
  }

  @Test
  @DisplayName("broken YAML names the document and the line in the file")
  void brokenYaml() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: ok}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: [unclosed
                    """))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("document 2 (line 5): ")
        .hasMessageContaining("flow sequence at line 7, column 18");
  }

  @Test
  @DisplayName("a document without kind or name is rejected with its number")
  void missingFields() {
    assertThatThrownBy(() -> parse("apiVersion: v1\nmetadata: {name: a}\n"))
        .hasMessage("document 1 (line 1): kind is missing");
    assertThatThrownBy(() -> parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"))
        .hasMessage("document 1 (line 1): ConfigMap has no metadata.name");
    assertThatThrownBy(() -> parse("- a\n- b\n"))
        .hasMessageStartingWith("document 1 (line 1): not an object");
  }
}
