package io.k3j.crds.helm.v1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A {@code helm.cattle.io/v1} HelmChartConfig: values and policies layered over the HelmChart of
 * the same name and namespace, for charts another system manages (k3s helm-controller). It has no
 * status.
 */
@Group(HelmChart.GROUP)
@Version(HelmChart.VERSION)
@Plural("helmchartconfigs")
@Singular("helmchartconfig")
@ShortNames("hcc")
public class HelmChartConfig extends CustomResource<HelmChartConfigSpec, Void>
    implements Namespaced {}
