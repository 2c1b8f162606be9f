package io.k3j.crds.helm.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in HelmChart and HelmChartConfig CRD YAML is what the Java types generate. Run with
 * {@code -Dk3j.crds.update=true} to rewrite the checked-in copies after changing the types.
 */
class HelmChartCrdTest {
  static final Path CHECKED_IN = Path.of("src/main/resources/crds");

  @Test
  @DisplayName("the checked-in HelmChart CRD equals the one generated from the Java types")
  void helmChartCrdMatchesTypes(@TempDir Path dir) throws IOException {
    check("helmcharts.helm.cattle.io-v1.yml", dir);
  }

  @Test
  @DisplayName("the checked-in HelmChartConfig CRD equals the one generated from the Java types")
  void helmChartConfigCrdMatchesTypes(@TempDir Path dir) throws IOException {
    check("helmchartconfigs.helm.cattle.io-v1.yml", dir);
  }

  private static void check(String file, Path dir) throws IOException {
    new CRDGenerator()
        .customResourceClasses(HelmChart.class, HelmChartConfig.class)
        .forCRDVersions("v1")
        .inOutputDir(dir.toFile())
        .generate();
    String generated = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    if (Boolean.getBoolean("k3j.crds.update")) {
      Files.writeString(CHECKED_IN.resolve(file), generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(CHECKED_IN.resolve(file), StandardCharsets.UTF_8))
        .as("%s is stale: run this test with -Dk3j.crds.update=true", file)
        .isEqualTo(generated);
  }
}
