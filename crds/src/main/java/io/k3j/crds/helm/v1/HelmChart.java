package io.k3j.crds.helm.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A {@code helm.cattle.io/v1} HelmChart: a Helm release the cluster keeps installed. Schema, short
 * name and printer columns follow k3s's helm-controller ({@code
 * pkg/apis/helm.cattle.io/v1/types.go}), so HelmCharts written for k3s apply unchanged.
 */
@Group(HelmChart.GROUP)
@Version(HelmChart.VERSION)
@Plural("helmcharts")
@Singular("helmchart")
@ShortNames("hc")
@AdditionalPrinterColumn(
    name = "Repo",
    jsonPath = ".spec.repo",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Chart",
    jsonPath = ".spec.chart",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Version",
    jsonPath = ".spec.version",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "TargetNamespace",
    jsonPath = ".spec.targetNamespace",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Bootstrap",
    jsonPath = ".spec.bootstrap",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "Failed",
    jsonPath = ".status.conditions[?(@.type=='Failed')].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Job",
    jsonPath = ".status.jobName",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 10)
public class HelmChart extends CustomResource<HelmChartSpec, HelmChartStatus>
    implements Namespaced {
  public static final String GROUP = "helm.cattle.io";
  public static final String VERSION = "v1";
}
