package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.Status;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.Set;

/**
 * What a delete did.
 *
 * @param object the object as it is now (marked for deletion) or as it was when deleted
 * @param deleted whether it is gone (or, on a dry run, would be)
 */
public record Deletion(ObjectNode object, boolean deleted) {
  /** Kinds whose registry answers a completed delete with the object (ReturnDeletedObject). */
  private static final Set<String> RETURN_DELETED =
      Set.of("namespaces", "pods", "services", "serviceaccounts", "storageclasses.storage.k8s.io");

  /**
   * The response body, as upstream's registry answers: the object while it is only marked, and once
   * gone either the object or a Status Success naming it.
   */
  public JsonNode body(ResourceType type) {
    if (!deleted || (!type.isCustom() && RETURN_DELETED.contains(type.qualifiedName()))) {
      return object;
    }
    ObjectNode status = Status.success();
    ObjectNode details = status.putObject("details");
    details.put("name", object.path("metadata").path("name").asText());
    if (!type.group().isEmpty()) {
      details.put("group", type.group());
    }
    details.put("kind", type.plural());
    details.put("uid", object.path("metadata").path("uid").asText());
    return status;
  }
}
