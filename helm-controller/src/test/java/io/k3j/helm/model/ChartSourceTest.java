package io.k3j.helm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.crds.helm.v1.HelmChartSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChartSourceTest {
  static final Path CHARTS = Path.of("/var/lib/k3j/server/static/charts");

  static HelmChartSpec spec(String chart, String repo, String version) {
    HelmChartSpec spec = new HelmChartSpec();
    spec.setChart(chart);
    spec.setRepo(repo);
    spec.setVersion(version);
    return spec;
  }

  @Test
  @DisplayName("a %{KUBERNETES_API}%/static/charts URL is the file in the charts folder")
  void staticChartIsLocal() {
    assertThat(
            ChartSource.of(
                spec("https://%{KUBERNETES_API}%/static/charts/traefik-27.0.tgz", null, "9"),
                CHARTS))
        .isEqualTo(new ChartSource.LocalArchive(CHARTS.resolve("traefik-27.0.tgz")));
  }

  @Test
  @DisplayName("chartContent wins over chart and version")
  void chartContentWins() {
    HelmChartSpec spec = spec("oci://example/chart", null, "1");
    spec.setChartContent(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    ChartSource source = ChartSource.of(spec, CHARTS);
    assertThat(source).isInstanceOf(ChartSource.Inline.class);
    assertThat(((ChartSource.Inline) source).archive()).containsExactly(1, 2, 3);
  }

  @Test
  @DisplayName("repo + chart, oci:// references and HTTPS archive URLs are told apart")
  void otherSources() {
    assertThat(ChartSource.of(spec("nginx", "https://charts.example.com/", "1.2.3"), CHARTS))
        .isEqualTo(
            new ChartSource.RepoChart(URI.create("https://charts.example.com/"), "nginx", "1.2.3"));
    assertThat(ChartSource.of(spec("oci://registry.local:5000/charts/app", null, "2"), CHARTS))
        .isEqualTo(new ChartSource.Oci("oci://registry.local:5000/charts/app", "2"));
    assertThat(ChartSource.of(spec("https://example.com/app-1.tgz", null, null), CHARTS))
        .isEqualTo(new ChartSource.ArchiveUrl(URI.create("https://example.com/app-1.tgz")));
  }

  @Test
  @DisplayName("missing or unusable chart fields are rejected naming the field")
  void invalid() {
    assertThatThrownBy(() -> ChartSource.of(spec(null, null, null), CHARTS))
        .hasMessageContaining("spec.chart or spec.chartContent is required");
    assertThatThrownBy(() -> ChartSource.of(spec("nginx", null, null), CHARTS))
        .hasMessageContaining("needs spec.repo");
    assertThatThrownBy(
            () ->
                ChartSource.of(
                    spec("https://%{KUBERNETES_API}%/static/charts/..", null, null), CHARTS))
        .hasMessageContaining("bad file name");
    assertThatThrownBy(
            () ->
                ChartSource.of(spec("https://%{KUBERNETES_API}%/other/x.tgz", null, null), CHARTS))
        .hasMessageContaining("/static/charts/");
    HelmChartSpec content = spec(null, null, null);
    content.setChartContent("not base64!");
    assertThatThrownBy(() -> ChartSource.of(content, CHARTS)).hasMessageContaining("chartContent");
  }
}
