package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Printers of PersistentVolumes, PersistentVolumeClaims and StorageClasses. */
final class StoragePrinters {
  private StoragePrinters() {}

  /** By {@code group/kind}, "" being the core group. */
  static Map<String, Printer> all() {
    return Map.of(
        "/PersistentVolume", persistentVolume(),
        "/PersistentVolumeClaim", persistentVolumeClaim(),
        "storage.k8s.io/StorageClass", storageClassPrinter());
  }

  static Printer persistentVolume() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Capacity", "The storage capacity of the volume."),
            Column.string("Access Modes", "The ways the volume can be mounted."),
            Column.string("Reclaim Policy", "What happens to the volume once released."),
            Column.string("Status", "The phase of the volume."),
            Column.string("Claim", "The claim bound to the volume."),
            Column.string("StorageClass", "StorageClass of the pv"),
            Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
            Column.string("Reason", "Why the volume is in its phase."),
            Column.age(),
            Column.string("VolumeMode", "Filesystem or Block.").wide()),
        (o, now) -> {
          JsonNode claim = o.at("/spec/claimRef");
          String claimName =
              claim.isObject()
                  ? claim.path("namespace").asText("") + "/" + claim.path("name").asText("")
                  : "";
          return List.of(
              Cells.name(o),
              Cells.text(o, "/spec/capacity/storage", "0"),
              accessModes(o.at("/spec/accessModes")),
              Cells.text(o, "/spec/persistentVolumeReclaimPolicy"),
              Cells.deleting(o) ? "Terminating" : Cells.text(o, "/status/phase"),
              claimName,
              storageClass(o),
              Cells.text(o, "/spec/volumeAttributesClassName", "<unset>"),
              Cells.text(o, "/status/reason"),
              Cells.age(o, now),
              Cells.text(o, "/spec/volumeMode", "<unset>"));
        });
  }

  static Printer persistentVolumeClaim() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Status", "The phase of the claim."),
            Column.string("Volume", "The volume bound to the claim."),
            Column.string("Capacity", "The capacity of the bound volume."),
            Column.string("Access Modes", "The access modes of the bound volume."),
            Column.string("StorageClass", "StorageClass of the pvc"),
            Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
            Column.age(),
            Column.string("VolumeMode", "Filesystem or Block.").wide()),
        (o, now) -> {
          boolean bound = !Cells.text(o, "/spec/volumeName").isEmpty();
          return List.of(
              Cells.name(o),
              Cells.deleting(o) ? "Terminating" : Cells.text(o, "/status/phase"),
              Cells.text(o, "/spec/volumeName"),
              bound ? Cells.text(o, "/status/capacity/storage", "0") : "",
              bound ? accessModes(o.at("/status/accessModes")) : "",
              storageClass(o),
              Cells.text(o, "/spec/volumeAttributesClassName", "<unset>"),
              Cells.age(o, now),
              Cells.text(o, "/spec/volumeMode", "<unset>"));
        });
  }

  /** The beta annotation wins over {@code spec.storageClassName}, as upstream. */
  private static String storageClass(JsonNode object) {
    JsonNode annotation =
        object.at("/metadata/annotations").path("volume.beta.kubernetes.io/storage-class");
    return annotation.isTextual()
        ? annotation.asText()
        : Cells.text(object, "/spec/storageClassName");
  }

  /** RWO, ROX, RWX, RWOP in that order, for the modes present. */
  private static String accessModes(JsonNode modes) {
    List<String> present = new ArrayList<>();
    modes.forEach(m -> present.add(m.asText()));
    List<String> shortNames = new ArrayList<>();
    String[][] known = {
      {"ReadWriteOnce", "RWO"},
      {"ReadOnlyMany", "ROX"},
      {"ReadWriteMany", "RWX"},
      {"ReadWriteOncePod", "RWOP"}
    };
    for (String[] mode : known) {
      if (present.contains(mode[0])) {
        shortNames.add(mode[1]);
      }
    }
    return String.join(",", shortNames);
  }

  static Printer storageClassPrinter() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Provisioner", "The provisioner of the volumes."),
            Column.string("ReclaimPolicy", "What happens to released volumes."),
            Column.string("VolumeBindingMode", "When volumes are bound and provisioned."),
            Column.string("AllowVolumeExpansion", "Whether volumes may grow."),
            Column.age()),
        (o, now) ->
            List.of(
                isDefault(o) ? Cells.name(o) + " (default)" : Cells.name(o),
                Cells.text(o, "/provisioner"),
                Cells.text(o, "/reclaimPolicy", "Delete"),
                Cells.text(o, "/volumeBindingMode", "Immediate"),
                o.path("allowVolumeExpansion").asBoolean(false),
                Cells.age(o, now)));
  }

  private static boolean isDefault(JsonNode storageClass) {
    JsonNode annotations = storageClass.at("/metadata/annotations");
    return annotations.path("storageclass.kubernetes.io/is-default-class").asText().equals("true")
        || annotations
            .path("storageclass.beta.kubernetes.io/is-default-class")
            .asText()
            .equals("true");
  }
}
