package io.k3j.core.apiserver.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DuplicateFieldsTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("JSON duplicates are named by their path, arrays by index, as sigs.k8s.io/json does")
  void json() {
    assertThat(
            DuplicateFields.inJson(
                bytes(
                    "{\"metadata\":{\"name\":\"a\",\"name\":\"b\"},"
                        + "\"spec\":{\"containers\":[{\"name\":\"x\"},{\"image\":\"i\",\"image\":\"j\"}]},"
                        + "\"kind\":\"Pod\",\"kind\":\"Pod\"}")))
        .containsExactly(
            "duplicate field \"metadata.name\"",
            "duplicate field \"spec.containers[1].image\"",
            "duplicate field \"kind\"");
    assertThat(DuplicateFields.inJson(bytes("{\"a\":{\"b\":1},\"c\":{\"b\":2}}"))).isEmpty();
    assertThat(DuplicateFields.inJson(bytes("{not json"))).isEmpty();
  }

  @Test
  @DisplayName("YAML duplicates are one goyaml error listing each key with its line")
  void yaml() {
    assertThat(
            DuplicateFields.inYaml(
                bytes("metadata:\n  name: a\n  name: b\ndata:\n  x: '1'\n  x: '2'\n")))
        .containsExactly(
            "error converting YAML to JSON: yaml: unmarshal errors:\n"
                + "  line 3: key \"name\" already set in map\n"
                + "  line 6: key \"x\" already set in map");
    assertThat(DuplicateFields.inYaml(bytes("a: 1\nb:\n  a: 2\n"))).isEmpty();
  }
}
