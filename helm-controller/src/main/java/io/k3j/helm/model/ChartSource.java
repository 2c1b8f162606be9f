package io.k3j.helm.model;

import io.k3j.crds.helm.v1.HelmChartSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a HelmChart's chart comes from, decided from the spec alone (k3s helm-controller's order:
 * {@code chartContent} wins, then {@code repo} + {@code chart}, then {@code chart} as an OCI
 * reference, an HTTPS archive URL, or a name). A URL under {@code
 * https://%{KUBERNETES_API}%/static/charts/} is the file of that name in the server's charts
 * folder, read without network, as k3s serves {@code <data-dir>/server/static/charts/}.
 */
public sealed interface ChartSource {
  /** The placeholder k3s replaces with the API server's address. */
  String KUBERNETES_API = "%{KUBERNETES_API}%";

  /** {@code spec.chartContent}, decoded. */
  record Inline(byte[] archive) implements ChartSource {}

  /** A .tgz in the local charts folder. */
  record LocalArchive(Path file) implements ChartSource {}

  /** A chart archive downloaded from a URL. */
  record ArchiveUrl(URI url) implements ChartSource {}

  /** A chart looked up in a repository's {@code index.yaml}; an empty version means the latest. */
  record RepoChart(URI repo, String chart, String version) implements ChartSource {}

  /** An {@code oci://} reference, handed to Helm as it is. */
  record Oci(String ref, String version) implements ChartSource {}

  Pattern STATIC_CHART =
      Pattern.compile("^https://" + Pattern.quote(KUBERNETES_API) + "/static/charts/([^/]+)$");

  /**
   * Resolves the spec against the charts folder.
   *
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  static ChartSource of(HelmChartSpec spec, Path chartsDir) {
    if (spec.getChartContent() != null && !spec.getChartContent().isBlank()) {
      try {
        return new Inline(Base64.getMimeDecoder().decode(spec.getChartContent().strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("spec.chartContent is not base64: " + e.getMessage());
      }
    }
    String chart = spec.getChart() == null ? "" : spec.getChart().strip();
    if (chart.isEmpty()) {
      throw new IllegalArgumentException("spec.chart or spec.chartContent is required");
    }
    String version = spec.getVersion() == null ? "" : spec.getVersion().strip();
    if (spec.getRepo() != null && !spec.getRepo().isBlank()) {
      return new RepoChart(uri("spec.repo", spec.getRepo().strip()), chart, version);
    }
    if (chart.startsWith("oci://")) {
      return new Oci(chart, version);
    }
    Matcher local = STATIC_CHART.matcher(chart);
    if (local.matches()) {
      String name = local.group(1);
      if (name.equals(".") || name.equals("..")) {
        throw new IllegalArgumentException("spec.chart: bad file name \"" + name + "\"");
      }
      return new LocalArchive(chartsDir.resolve(name));
    }
    if (chart.startsWith("https://") || chart.startsWith("http://")) {
      if (chart.contains(KUBERNETES_API)) {
        throw new IllegalArgumentException(
            "spec.chart: only https://" + KUBERNETES_API + "/static/charts/NAME is served");
      }
      return new ArchiveUrl(uri("spec.chart", chart));
    }
    throw new IllegalArgumentException(
        "spec.chart \"" + chart + "\" needs spec.repo, or must be an oci:// or https:// URL");
  }

  private static URI uri(String field, String value) {
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("not an absolute URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " \"" + value + "\": " + e.getMessage());
    }
  }
}
