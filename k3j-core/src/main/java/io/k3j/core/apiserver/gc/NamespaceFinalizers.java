package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.ResourceType;

/**
 * Who may change a Namespace's {@code spec.finalizers}, as upstream's namespace strategies: an
 * update of the Namespace keeps the stored list; only {@code PUT namespaces/{name}/finalize}
 * changes it, and that subresource changes nothing of the status.
 */
public final class NamespaceFinalizers {
  private NamespaceFinalizers() {}

  /** On an update of a Namespace, puts the stored {@code spec.finalizers} back. */
  public static void keepSpec(ResourceType type, ObjectNode object, ObjectNode old) {
    if (old == null || !NamespaceLifecycle.isNamespaces(type)) {
      return;
    }
    JsonNode stored = old.path("spec").path("finalizers");
    JsonNode spec = object.path("spec");
    if (!spec.isObject()) {
      if (stored.isMissingNode()) {
        return;
      }
      spec = object.putObject("spec");
    }
    if (stored.isMissingNode()) {
      ((ObjectNode) spec).remove("finalizers");
    } else {
      ((ObjectNode) spec).set("finalizers", stored.deepCopy());
    }
  }

  /** On {@code /finalize}, keeps the stored status whatever the body says. */
  public static void keepStatus(ObjectNode object, ObjectNode old) {
    object.remove("status");
    if (old.has("status")) {
      object.set("status", old.get("status").deepCopy());
    }
  }
}
