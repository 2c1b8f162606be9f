package io.k3j.core.apiserver.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.core.apiserver.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a body with unique keys parses in one pass to the tree the plain parse gives")
  void uniqueKeys() {
    String body =
        "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"labels\":{\"x\":\"1\"}},"
            + "\"data\":{\"n\":\"1\"},\"list\":[{\"a\":1},{\"a\":2}],\"big\":12345678901234567890,"
            + "\"f\":1.50,\"nothing\":null}";

    assertThat(Json.objectWithUniqueKeys(bytes(body))).isEqualTo(Json.object(bytes(body)));
    assertThat(Json.bytes(Json.objectWithUniqueKeys(bytes(body))))
        .isEqualTo(Json.bytes(Json.object(bytes(body))));
  }

  @Test
  @DisplayName(
      "a key twice, bad JSON, trailing content or a non-object leave it to the plain parse")
  void otherBodies() {
    assertThat(Json.objectWithUniqueKeys(bytes("{\"a\":{\"b\":1,\"b\":2}}"))).isNull();
    assertThat(Json.objectWithUniqueKeys(bytes("{\"a\":1} {\"b\":2}"))).isNull();
    assertThat(Json.objectWithUniqueKeys(bytes("{\"a\":"))).isNull();
    assertThat(Json.objectWithUniqueKeys(bytes("[1]"))).isNull();
    assertThat(Json.objectWithUniqueKeys(new byte[0])).isNull();
    assertThatThrownBy(() -> Json.object(bytes("{\"a\":1} {\"b\":2}")))
        .isInstanceOf(ApiException.class);
  }
}
