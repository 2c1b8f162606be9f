package io.k3j.crds.registry.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A {@code registry.k3j.io/v1} ImageSet: images the site's local registry pre-pulls and pins so
 * that they stay available while the uplink is down.
 */
@Group(ImageSet.GROUP)
@Version(ImageSet.VERSION)
@Plural("imagesets")
@Singular("imageset")
@AdditionalPrinterColumn(
    name = "Present",
    jsonPath = ".status.present",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Total",
    jsonPath = ".status.total",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type=='Ready')].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Last Sync",
    jsonPath = ".status.lastSyncTime",
    type = AdditionalPrinterColumn.Type.DATE)
public class ImageSet extends CustomResource<ImageSetSpec, ImageSetStatus> implements Namespaced {
  public static final String GROUP = "registry.k3j.io";
  public static final String VERSION = "v1";
}
