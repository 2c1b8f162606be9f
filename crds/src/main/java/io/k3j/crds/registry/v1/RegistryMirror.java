package io.k3j.crds.registry.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A {@code registry.k3j.io/v1} RegistryMirror: upstream registries the local registry caches, and
 * the k3s {@code registries.yaml} / containerd {@code hosts.toml} that point nodes at it.
 */
@Group(RegistryMirror.GROUP)
@Version(RegistryMirror.VERSION)
@Plural("registrymirrors")
@Singular("registrymirror")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type=='Ready')].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "ConfigMap",
    jsonPath = ".status.configMapName",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Endpoint",
    jsonPath = ".spec.nodes.endpoint",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 10)
public class RegistryMirror extends CustomResource<RegistryMirrorSpec, RegistryMirrorStatus>
    implements Namespaced {
  public static final String GROUP = "registry.k3j.io";
  public static final String VERSION = "v1";
}
