package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The finalizers upstream's registry and controllers use, and reading and writing them. */
public final class Finalizers {
  /** The owner's references are removed from its dependents before it goes. */
  public static final String ORPHAN = "orphan";

  /** The owner goes after its dependents with {@code blockOwnerDeletion}. */
  public static final String FOREGROUND = "foregroundDeletion";

  /** The namespace controller's entry in a Namespace's {@code spec.finalizers}. */
  public static final String KUBERNETES = "kubernetes";

  private Finalizers() {}

  /** {@code metadata.finalizers}, in order. */
  public static List<String> of(JsonNode object) {
    List<String> finalizers = new ArrayList<>();
    object.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
    return finalizers;
  }

  /** Sets {@code metadata.finalizers}, removing the field when the list is empty. */
  static void set(ObjectNode object, List<String> finalizers) {
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    if (finalizers.isEmpty()) {
      metadata.remove("finalizers");
      return;
    }
    ArrayNode array = metadata.putArray("finalizers");
    finalizers.forEach(array::add);
  }

  /** Whether a delete request has been made: {@code metadata.deletionTimestamp} is set. */
  public static boolean isDeleting(JsonNode object) {
    return object.path("metadata").hasNonNull("deletionTimestamp");
  }

  /**
   * Whether an update to an object being deleted removes its last finalizer, so that the update
   * deletes it (upstream's {@code ShouldDeleteDuringUpdate} and {@code
   * ShouldDeleteNamespaceDuringUpdate}).
   */
  public static boolean completeDeletion(JsonNode stored, JsonNode next) {
    return isDeleting(stored)
        && of(next).isEmpty()
        && stored.path("metadata").path("deletionGracePeriodSeconds").asLong(0) == 0
        && !waitsForSpecFinalizers(next);
  }

  /** A Namespace also waits for its {@code spec.finalizers} (upstream's namespace registry). */
  private static boolean waitsForSpecFinalizers(JsonNode object) {
    return "v1".equals(object.path("apiVersion").asText())
        && "Namespace".equals(object.path("kind").asText())
        && !object.path("spec").path("finalizers").isEmpty();
  }
}
