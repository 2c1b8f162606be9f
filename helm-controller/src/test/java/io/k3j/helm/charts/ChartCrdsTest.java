package io.k3j.helm.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each chart's {@code crds/} holds exactly the CRD files generated in {@code crds/} for the chart's
 * API group ({@code <plural>.<group>-<version>.yml}), byte for byte. A chart whose operator's CRDs
 * are not generated yet ships none; once they are, this test fails until they are copied. Run with
 * {@code -Dk3j.crds.update=true} to copy them.
 */
class ChartCrdsTest {
  @Test
  @DisplayName("every chart ships exactly the generated CRDs of its API group, unchanged")
  void chartCrdsMatchGenerated() throws IOException {
    for (OperatorCharts chart : OperatorCharts.ALL) {
      Set<String> expected = generatedFor(chart.crdGroup());
      Path crds = chart.dir().resolve("crds");
      if (Boolean.getBoolean("k3j.crds.update")) {
        sync(expected, crds);
      }
      Set<String> shipped = Files.isDirectory(crds) ? names(crds) : Set.of();
      assertThat(shipped)
          .as("%s/crds (run ChartCrdsTest with -Dk3j.crds.update=true)", chart)
          .isEqualTo(expected);
      for (String file : expected) {
        assertThat(Files.readString(crds.resolve(file)))
            .as("%s/crds/%s is stale (run with -Dk3j.crds.update=true)", chart, file)
            .isEqualTo(Files.readString(OperatorCharts.GENERATED_CRDS.resolve(file)));
      }
    }
  }

  @Test
  @DisplayName("the system-upgrade-controller chart ships the Plan CRD")
  void planCrdIsShipped() {
    assertThat(OperatorCharts.ALL.get(0).dir().resolve("crds/plans.upgrade.cattle.io-v1.yml"))
        .isRegularFile();
  }

  private static Set<String> generatedFor(String group) throws IOException {
    return names(OperatorCharts.GENERATED_CRDS).stream()
        .filter(f -> f.matches("[a-z0-9]+\\." + group.replace(".", "\\.") + "-v[a-z0-9]+\\.yml"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".yml") || f.endsWith(".yaml"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static void sync(Set<String> expected, Path crds) throws IOException {
    Files.createDirectories(crds);
    for (String stale : names(crds)) {
      if (!expected.contains(stale)) {
        Files.delete(crds.resolve(stale));
      }
    }
    for (String file : expected) {
      Files.copy(
          OperatorCharts.GENERATED_CRDS.resolve(file),
          crds.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
