package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The deletion metadata only a delete may set (upstream's {@code BeforeCreate}, {@code
 * BeforeUpdate} and {@code ValidateObjectMetaUpdate}): a create drops deletionTimestamp and
 * deletionGracePeriodSeconds, an update keeps the stored ones, and an object being deleted takes no
 * new finalizers (422).
 */
public final class DeletionPolicy implements ObjectStore.WritePolicy {
  private static final String TIMESTAMP = "deletionTimestamp";
  private static final String GRACE = "deletionGracePeriodSeconds";

  @Override
  public void admit(ResourceType type, ObjectNode object, ObjectNode old) {
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    if (old == null) {
      metadata.remove(List.of(TIMESTAMP, GRACE));
      return;
    }
    JsonNode stored = old.path("metadata");
    copy(stored, metadata, TIMESTAMP);
    copy(stored, metadata, GRACE);
    if (Finalizers.isDeleting(old)) {
      List<String> added = new ArrayList<>(Finalizers.of(object));
      added.removeAll(Finalizers.of(old));
      if (!added.isEmpty()) {
        throw ApiException.invalid(
            type.kind(),
            metadata.path("name").asText(),
            List.of(
                new ApiException.Cause(
                    "FieldValueForbidden",
                    "Forbidden: no new finalizers can be added if the object is being deleted,"
                        + " found new finalizers "
                        + goStrings(added),
                    "metadata.finalizers")));
      }
    }
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.hasNonNull(field)) {
      to.set(field, from.get(field));
    } else {
      to.remove(field);
    }
  }

  /** Go's {@code %#v} of a sorted {@code []string}, as upstream prints the new finalizers. */
  private static String goStrings(List<String> values) {
    List<String> quoted = new ArrayList<>();
    values.stream().distinct().sorted().forEach(v -> quoted.add("\"" + v + "\""));
    return "[]string{" + String.join(", ", quoted) + "}";
  }
}
