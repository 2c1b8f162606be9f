package io.k3j.helm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.k3j.crds.helm.v1.HelmChartConfigSpec;
import io.k3j.crds.helm.v1.HelmChartSpec;
import io.k3j.crds.helm.v1.SecretSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChartValuesTest {
  static SecretSpec secret(String name, boolean ignoreUpdates, String... keys) {
    SecretSpec s = new SecretSpec();
    s.setName(name);
    s.setKeys(List.of(keys));
    s.setIgnoreUpdates(ignoreUpdates);
    return s;
  }

  @Test
  @DisplayName(
      "precedence: chart valuesContent < values < valuesSecrets < config valuesContent < values <"
          + " valuesSecrets < set")
  void precedence() throws Exception {
    HelmChartSpec chart = new HelmChartSpec();
    chart.setValuesContent("a: chart-content\nb: chart-content\nc: chart-content\nkeep: yes\n");
    chart.setValues(new ObjectMapper().readTree("{\"b\":\"chart-values\",\"c\":\"chart-values\"}"));
    chart.setValuesSecrets(List.of(secret("s1", false, "one", "two")));
    chart.setSet(Map.of("g", new IntOrString("set")));
    HelmChartConfigSpec config = new HelmChartConfigSpec();
    config.setValuesContent("d: config-content\ne: config-content\ng: config\n");
    config.setValues(
        new ObjectMapper().readTree("{\"e\":\"config-values\",\"f\":\"config-values\"}"));
    config.setValuesSecrets(List.of(secret("s2", false, "x")));
    Map<String, Map<String, String>> secrets =
        Map.of(
            "s1", Map.of("one", "c: secret-one\nd: secret-one\n", "two", "d: secret-two\n"),
            "s2", Map.of("x", "f: config-secret\n"));

    Map<String, Object> values = ChartValues.merge(chart, config, secrets);

    assertThat(values)
        .containsEntry("a", "chart-content")
        .containsEntry("b", "chart-values")
        .containsEntry("c", "secret-one")
        .containsEntry("d", "config-content")
        .containsEntry("e", "config-values")
        .containsEntry("f", "config-secret")
        .containsEntry("g", "set")
        // YAML 1.1, as Helm reads values: an unquoted yes is a boolean.
        .containsEntry("keep", true);
  }

  @Test
  @DisplayName("maps merge deeply; lists and scalars are replaced")
  void deepMerge() {
    HelmChartSpec chart = new HelmChartSpec();
    chart.setValuesContent("image:\n  repository: r\n  tag: '1'\nports: [1, 2]\n");
    HelmChartConfigSpec config = new HelmChartConfigSpec();
    config.setValuesContent("image:\n  tag: '2'\nports: [3]\n");
    Map<String, Object> values = ChartValues.merge(chart, config, Map.of());
    assertThat(values.get("image")).isEqualTo(Map.of("repository", "r", "tag", "2"));
    assertThat(values.get("ports")).isEqualTo(List.of(3));
  }

  @Test
  @DisplayName(
      "a missing required secret or key is an error naming it; ignoreUpdates makes it optional")
  void missingSecrets() {
    HelmChartSpec chart = new HelmChartSpec();
    chart.setValuesSecrets(List.of(secret("absent", false, "k")));
    assertThatThrownBy(() -> ChartValues.merge(chart, null, Map.of()))
        .hasMessageContaining("secret \"absent\" not found");
    chart.setValuesSecrets(List.of(secret("present", false, "k")));
    assertThatThrownBy(() -> ChartValues.merge(chart, null, Map.of("present", Map.of())))
        .hasMessageContaining("has no key \"k\"");
    chart.setValuesSecrets(List.of(secret("absent", true, "k")));
    assertThat(ChartValues.merge(chart, null, Map.of())).isEmpty();
  }

  @Test
  @DisplayName("values that are not a YAML map are rejected naming their source")
  void badYaml() {
    HelmChartSpec chart = new HelmChartSpec();
    chart.setValuesContent("- just\n- a list\n");
    assertThatThrownBy(() -> ChartValues.merge(chart, null, Map.of()))
        .hasMessageContaining("HelmChart spec.valuesContent");
  }
}
