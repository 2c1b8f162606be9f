package io.k3j.core.apiserver.table;

import io.k3j.core.apiserver.resources.ResourceType;
import java.util.HashMap;
import java.util.Map;

/** Which printer a kind gets: its own, its CRD's columns, or upstream's default. */
final class Printers {
  private static final Map<String, Printer> BUILTIN = builtin();

  private Printers() {}

  static Printer forType(ResourceType type) {
    if (type.isCustom()) {
      return new CustomResourcePrinter(type.custom().printerColumns());
    }
    return BUILTIN.getOrDefault(type.group() + "/" + type.kind(), DefaultPrinter.INSTANCE);
  }

  private static Map<String, Printer> builtin() {
    Map<String, Printer> printers = new HashMap<>();
    CorePrinters.all().forEach((kind, printer) -> printers.put("/" + kind, printer));
    printers.put("/Pod", new PodPrinter());
    printers.put("/Event", EventPrinter.core());
    printers.put("events.k8s.io/Event", EventPrinter.events());
    printers.putAll(WorkloadPrinters.all());
    printers.putAll(NetworkPrinters.all());
    printers.putAll(ClusterPrinters.all());
    printers.putAll(StoragePrinters.all());
    return Map.copyOf(printers);
  }
}
