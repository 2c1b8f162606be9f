package io.k3j.helm.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.crds.helm.v1.HelmChartConfigSpec;
import io.k3j.crds.helm.v1.HelmChartSpec;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigHashTest {
  @Test
  @DisplayName("the hash changes with the spec, the config, triggering secrets and the archive")
  void changesWithInputs() {
    HelmChartSpec spec = new HelmChartSpec();
    spec.setChart("https://%{KUBERNETES_API}%/static/charts/a.tgz");
    String base = ConfigHash.of(spec, null, Map.of(), "d1");
    assertThat(base).startsWith("SHA256=").isEqualTo(ConfigHash.of(spec, null, Map.of(), "d1"));
    assertThat(ConfigHash.of(spec, null, Map.of(), "d2")).isNotEqualTo(base);
    HelmChartConfigSpec config = new HelmChartConfigSpec();
    config.setValuesContent("a: 1");
    assertThat(ConfigHash.of(spec, config, Map.of(), "d1")).isNotEqualTo(base);
    assertThat(ConfigHash.of(spec, null, Map.of("s", Map.of("k", "v")), "d1")).isNotEqualTo(base);
    HelmChartSpec changed = new HelmChartSpec();
    changed.setChart(spec.getChart());
    changed.setValuesContent("x: 1");
    assertThat(ConfigHash.of(changed, null, Map.of(), "d1")).isNotEqualTo(base);
  }
}
