package io.k3j.helm.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChartVersionsTest {
  static List<JsonNode> entries(String... versions) {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> list = new ArrayList<>();
    for (String v : versions) {
      list.add(json.createObjectNode().put("version", v));
    }
    return list;
  }

  @Test
  @DisplayName("no version picks the highest release; a version picks that exact one")
  void picks() {
    List<JsonNode> entries = entries("1.9.0", "1.10.0", "2.0.0-rc.1", "v1.2.0");
    assertThat(ChartVersions.pick(entries, "").path("version").asText()).isEqualTo("1.10.0");
    assertThat(ChartVersions.pick(entries, "1.2.0").path("version").asText()).isEqualTo("v1.2.0");
    assertThat(ChartVersions.pick(entries, "3.0.0")).isNull();
  }
}
