package io.k3j.helm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SetValuesTest {
  static Map<String, Object> apply(Map<String, IntOrString> set) {
    return SetValues.apply(new LinkedHashMap<>(), set);
  }

  @Test
  @DisplayName("integers, true, false and null are typed as --set; other strings stay strings")
  void typedAsUpstream() {
    Map<String, Object> values =
        apply(
            Map.of(
                "replicas", new IntOrString(3),
                "enabled", new IntOrString("True"),
                "off", new IntOrString("false"),
                "gone", new IntOrString("null"),
                "port", new IntOrString("8080"),
                "list", new IntOrString("a,b")));
    assertThat(values)
        .containsEntry("replicas", 3L)
        .containsEntry("enabled", true)
        .containsEntry("off", false)
        .containsEntry("gone", null)
        .containsEntry("port", "8080")
        .containsEntry("list", "a,b");
  }

  @Test
  @DisplayName("dotted keys nest, \\. escapes a dot and [n] indexes lists")
  void paths() {
    Map<String, Object> values =
        apply(
            Map.of(
                "a.b.c", new IntOrString("x"),
                "annotations.prometheus\\.io/scrape", new IntOrString("true"),
                "servers[1].port", new IntOrString(80)));
    assertThat(values.get("a")).isEqualTo(Map.of("b", Map.of("c", "x")));
    assertThat(values.get("annotations")).isEqualTo(Map.of("prometheus.io/scrape", true));
    List<?> servers = (List<?>) values.get("servers");
    assertThat(servers).hasSize(2);
    assertThat(servers.get(0)).isNull();
    assertThat(servers.get(1)).isEqualTo(Map.of("port", 80L));
  }

  @Test
  @DisplayName("a set key overrides what the values files put at the same path")
  void overridesExisting() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("image", new LinkedHashMap<>(Map.of("tag", "1.0", "repository", "r")));
    SetValues.apply(values, Map.of("image.tag", new IntOrString("2.0")));
    assertThat(values.get("image")).isEqualTo(Map.of("tag", "2.0", "repository", "r"));
  }

  @Test
  @DisplayName("malformed keys are rejected with a message naming the key")
  void badKeys() {
    assertThatThrownBy(() -> apply(Map.of("a..b", new IntOrString("x"))))
        .hasMessageContaining("a..b");
    assertThatThrownBy(() -> apply(Map.of("a[x]", new IntOrString("x"))))
        .hasMessageContaining("bad list index");
    assertThatThrownBy(() -> apply(Map.of("a[1", new IntOrString("x"))))
        .hasMessageContaining("unclosed");
  }
}
