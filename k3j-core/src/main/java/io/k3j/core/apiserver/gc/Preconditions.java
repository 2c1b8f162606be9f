package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.List;

/**
 * DeleteOptions preconditions, with upstream's messages: the generic registry's {@code
 * BeforeDelete} names the kind, the namespace registry its own wording.
 */
final class Preconditions {
  private Preconditions() {}

  /** Throws 409 Conflict unless the object's uid and resourceVersion match the options'. */
  static void check(ResourceType type, JsonNode object, DeleteOptions options) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText();
    String uid = metadata.path("uid").asText();
    String version = metadata.path("resourceVersion").asText();
    boolean namespace = NamespaceLifecycle.isNamespaces(type);
    String problem = null;
    if (options.uid() != null && !options.uid().equals(uid)) {
      problem =
          namespace
              ? "Precondition failed: UID in precondition: "
                  + options.uid()
                  + ", UID in object meta: "
                  + uid
              : "the UID in the precondition ("
                  + options.uid()
                  + ") does not match the UID in record ("
                  + uid
                  + "). The object might have been deleted and then recreated";
    } else if (options.resourceVersion() != null && !options.resourceVersion().equals(version)) {
      problem =
          namespace
              ? "Precondition failed: ResourceVersion in precondition: "
                  + options.resourceVersion()
                  + ", ResourceVersion in object meta: "
                  + version
              : "the ResourceVersion in the precondition ("
                  + options.resourceVersion()
                  + ") does not match the ResourceVersion in record ("
                  + version
                  + "). The object might have been modified";
    }
    if (problem != null) {
      String resource =
          namespace
              ? type.plural()
              : type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
      throw new ApiException(
          409,
          "Conflict",
          "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + problem,
          resource,
          name,
          List.of());
    }
  }
}
