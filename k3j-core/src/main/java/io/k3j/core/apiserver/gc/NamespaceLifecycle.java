package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * Upstream's namespace lifecycle rules (NamespaceLifecycle admission and the namespace registry):
 * the system namespaces cannot be deleted, a deleted namespace turns Terminating, and nothing new
 * is created in a Terminating namespace.
 */
public final class NamespaceLifecycle {
  private static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");

  private NamespaceLifecycle() {}

  static boolean isNamespaces(ResourceType type) {
    return !type.isCustom() && type.group().isEmpty() && type.plural().equals("namespaces");
  }

  /**
   * Refuses creating an object of {@code type} named {@code name} in {@code namespace} (the stored
   * Namespace) while it is being terminated: 403 Forbidden with the NamespaceTerminating cause.
   */
  public static void checkCreate(ResourceType type, String name, JsonNode namespace) {
    if (!isTerminating(namespace)) {
      return;
    }
    String nsName = namespace.path("metadata").path("name").asText();
    throw new ApiException(
        403,
        "Forbidden",
        type.qualifiedName()
            + " \""
            + name
            + "\" is forbidden: unable to create new content in namespace "
            + nsName
            + " because it is being terminated",
        type.qualifiedName(),
        name,
        List.of(
            new ApiException.Cause(
                "NamespaceTerminating",
                "namespace " + nsName + " is being terminated",
                "metadata.namespace")));
  }

  /** Whether the stored Namespace is being deleted or in phase Terminating. */
  public static boolean isTerminating(JsonNode namespace) {
    return Finalizers.isDeleting(namespace)
        || "Terminating".equals(namespace.path("status").path("phase").asText());
  }

  static void checkDelete(String name) {
    if (IMMORTAL.contains(name)) {
      throw new ApiException(
          403,
          "Forbidden",
          "namespaces \"" + name + "\" is forbidden: this namespace may not be deleted",
          "namespaces",
          name,
          List.of());
    }
  }

  /**
   * The first delete of a namespace: deletionTimestamp, phase Terminating, and the orphan or
   * foregroundDeletion finalizer as the options ask. Its content is removed by the {@link
   * NamespaceController}.
   */
  static void beginTermination(ObjectNode namespace, DeleteOptions options, String now) {
    ((ObjectNode) namespace.path("metadata")).put("deletionTimestamp", now);
    JsonNode status = namespace.path("status");
    (status.isObject() ? (ObjectNode) status : namespace.putObject("status"))
        .put("phase", "Terminating");
    Finalizers.set(
        namespace, ObjectDeleter.finalizersFor(Finalizers.of(namespace), options.propagation()));
  }

  /** Whether the namespace waits for finalizers in {@code spec.finalizers}. */
  static boolean hasSpecFinalizers(JsonNode namespace) {
    return !namespace.path("spec").path("finalizers").isEmpty();
  }
}
