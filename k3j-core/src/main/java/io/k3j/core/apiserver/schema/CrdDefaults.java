package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The defaults apiextensions-apiserver fills into a v1 CustomResourceDefinition before it is
 * validated: {@code spec.names.singular} (the lowercased kind), {@code spec.names.listKind} (kind +
 * "List") and {@code spec.conversion.strategy: None}.
 */
public final class CrdDefaults {
  private CrdDefaults() {}

  /** Fills the missing defaults in place; values already set are kept. */
  public static void apply(ObjectNode crd) {
    ObjectNode spec = crd.withObjectProperty("spec");
    ObjectNode names = spec.withObjectProperty("names");
    String kind = names.path("kind").asText("");
    if (!kind.isEmpty() && names.path("singular").asText("").isEmpty()) {
      names.put("singular", kind.toLowerCase(Locale.ROOT));
    }
    if (!kind.isEmpty() && names.path("listKind").asText("").isEmpty()) {
      names.put("listKind", kind + "List");
    }
    ObjectNode conversion = spec.withObjectProperty("conversion");
    if (conversion.path("strategy").asText("").isEmpty()) {
      conversion.put("strategy", "None");
    }
  }
}
