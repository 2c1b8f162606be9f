package io.k3j.core.apiserver.table;

import static io.k3j.core.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  private static final JsonNode OBJECT =
      json(
          """
          {'metadata': {'name': 'web', 'labels': {'app.kubernetes.io/name': 'shop'}},
           'spec': {'replicas': 3, 'ports': [{'port': 80}, {'port': 443}, {'port': 8080}]},
           'status': {'conditions': [
              {'type': 'Available', 'status': 'True', 'count': 1},
              {'type': 'Ready', 'status': 'False', 'count': 4}]}}
          """);

  private static List<String> texts(String path) {
    return JsonPath.parse(path).evaluate(OBJECT).stream().map(JsonNode::asText).toList();
  }

  @Test
  @DisplayName("dotted fields, with or without braces and $, select nested values")
  void fields() {
    assertThat(texts(".metadata.name")).containsExactly("web");
    assertThat(texts("{.spec.replicas}")).containsExactly("3");
    assertThat(texts("$.metadata.name")).containsExactly("web");
    assertThat(texts(".metadata.missing.deeper")).isEmpty();
  }

  @Test
  @DisplayName("keys containing dots are reached with brackets or escaped dots")
  void dottedKeys() {
    assertThat(texts(".metadata.labels['app.kubernetes.io/name']")).containsExactly("shop");
    assertThat(texts(".metadata.labels.app\\.kubernetes\\.io/name")).containsExactly("shop");
  }

  @Test
  @DisplayName("indexes, negative indexes, slices and wildcards select array elements")
  void arrays() {
    assertThat(texts(".spec.ports[0].port")).containsExactly("80");
    assertThat(texts(".spec.ports[-1].port")).containsExactly("8080");
    assertThat(texts(".spec.ports[1:].port")).containsExactly("443", "8080");
    assertThat(texts(".spec.ports[*].port")).containsExactly("80", "443", "8080");
    assertThat(texts(".spec.ports[7].port")).isEmpty();
    assertThat(JsonPath.parse(".metadata.*").evaluate(OBJECT))
        .containsExactly(OBJECT.at("/metadata/name"), OBJECT.at("/metadata/labels"));
  }

  @Test
  @DisplayName("filters compare strings and numbers and test for presence")
  void filters() {
    assertThat(texts(".status.conditions[?(@.type==\"Ready\")].status")).containsExactly("False");
    assertThat(texts(".status.conditions[?(@.type=='Available')].status")).containsExactly("True");
    assertThat(texts(".status.conditions[?(@.type!='Ready')].type")).containsExactly("Available");
    assertThat(texts(".status.conditions[?(@.count>1)].type")).containsExactly("Ready");
    assertThat(texts(".status.conditions[?(@.count<=1)].type")).containsExactly("Available");
    assertThat(texts(".spec.ports[?(@.port)].port")).hasSize(3);
    assertThat(texts(".status.conditions[?(@.missing)].type")).isEmpty();
  }

  @Test
  @DisplayName("recursive descent finds a field at any depth")
  void descendants() {
    assertThat(texts("..port")).containsExactly("80", "443", "8080");
  }

  @Test
  @DisplayName("an expression outside the subset is refused with the reason")
  void invalid() {
    assertThatThrownBy(() -> JsonPath.parse(".spec.ports[abc]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid array index");
    assertThatThrownBy(() -> JsonPath.parse(".spec.ports[0")).hasMessageContaining("unclosed [");
    assertThatThrownBy(() -> JsonPath.parse("spec")).hasMessageContaining("unexpected 's'");
  }
}
