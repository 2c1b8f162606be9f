package io.k3j.helm.charts;

import java.nio.file.Path;
import java.util.List;

/** The operator charts under {@code charts/} and the CRD group each one ships. */
record OperatorCharts(String name, String crdGroup) {
  static final Path CHARTS = Path.of("..", "charts");
  static final Path GENERATED_CRDS = Path.of("..", "crds", "src", "main", "resources", "crds");

  static final List<OperatorCharts> ALL =
      List.of(
          new OperatorCharts("system-upgrade-controller", "upgrade.cattle.io"),
          new OperatorCharts("telemetry-buffer", "telemetry.k3j.io"),
          new OperatorCharts("local-registry", "registry.k3j.io"));

  Path dir() {
    return CHARTS.resolve(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
