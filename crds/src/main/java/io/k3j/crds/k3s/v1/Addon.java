package io.k3j.crds.k3s.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A {@code k3s.cattle.io/v1} Addon: one per manifest file in {@code <data-dir>/server/manifests},
 * named after the file, in {@code kube-system}. It records where the manifest is ({@code
 * spec.source}), the SHA-256 of the content last applied ({@code spec.checksum}) and the kinds it
 * applied ({@code status.gvks}, and the annotation {@value #GVKS_ANNOTATION}), so that objects
 * removed from the file can be found and pruned. Printer columns as in k3s ({@code k3s-io/api
 * k3s.cattle.io/v1/types.go}: Source, Checksum; the generator orders them by JSON path).
 */
@Group(Addon.GROUP)
@Version(Addon.VERSION)
@Plural("addons")
@Singular("addon")
@AdditionalPrinterColumn(
    name = "Source",
    jsonPath = ".spec.source",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Checksum",
    jsonPath = ".spec.checksum",
    type = AdditionalPrinterColumn.Type.STRING)
public class Addon extends CustomResource<AddonSpec, AddonStatus> implements Namespaced {
  public static final String GROUP = "k3s.cattle.io";
  public static final String VERSION = "v1";

  /**
   * The kinds applied from the manifest, {@code ;}-separated, each as {@code group/version,
   * Kind=kind} (k3s {@code pkg/deploy/controller.go}, {@code GVKAnnotation}).
   */
  public static final String GVKS_ANNOTATION = "addon.k3s.cattle.io/gvks";
}
