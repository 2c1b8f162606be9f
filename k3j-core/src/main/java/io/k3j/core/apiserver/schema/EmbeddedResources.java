package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code x-kubernetes-embedded-resource: true} adds: {@code apiVersion} and {@code kind} are
 * required non-empty strings, kind a (mixed-case) DNS-1035 label, metadata an object; and the
 * ObjectMeta fields such an object keeps when it is pruned.
 */
final class EmbeddedResources {
  /** The fields of ObjectMeta (k8s.io/apimachinery/pkg/apis/meta/v1). */
  static final Set<String> OBJECT_META_FIELDS =
      Set.of(
          "name",
          "generateName",
          "namespace",
          "selfLink",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "labels",
          "annotations",
          "ownerReferences",
          "finalizers",
          "managedFields");

  /** The fields every resource keeps besides its schema's. */
  static final Set<String> TYPE_AND_META = Set.of("apiVersion", "kind", "metadata");

  private EmbeddedResources() {}

  static List<Cause> check(JsonNode object, String path) {
    List<Cause> causes = new ArrayList<>();
    String apiVersionPath = Paths.child(path, "apiVersion");
    String kindPath = Paths.child(path, "kind");
    JsonNode apiVersion = object.get("apiVersion");
    JsonNode kind = object.get("kind");
    if (apiVersion == null) {
      causes.add(FieldErrors.required(apiVersionPath, "must not be empty"));
    } else if (!apiVersion.isTextual()) {
      causes.add(FieldErrors.invalid(apiVersionPath, apiVersion, "must be a string"));
    } else if (apiVersion.textValue().isEmpty()) {
      causes.add(FieldErrors.invalid(apiVersionPath, apiVersion, "must not be empty"));
    } else if (apiVersion.textValue().split("/", -1).length > 2) {
      causes.add(
          FieldErrors.invalid(
              apiVersionPath,
              apiVersion,
              "unexpected GroupVersion string: " + apiVersion.textValue()));
    }
    if (kind == null) {
      causes.add(FieldErrors.required(kindPath, "must not be empty"));
    } else if (!kind.isTextual()) {
      causes.add(FieldErrors.invalid(kindPath, kind, "must be a string"));
    } else if (kind.textValue().isEmpty()) {
      causes.add(FieldErrors.invalid(kindPath, kind, "must not be empty"));
    } else {
      List<String> errors = Names.dns1035Label(kind.textValue().toLowerCase(Locale.ROOT));
      if (!errors.isEmpty()) {
        causes.add(
            FieldErrors.invalid(
                kindPath,
                kind,
                "may have mixed case, but should otherwise match: " + String.join(",", errors)));
      }
    }
    JsonNode metadata = object.get("metadata");
    if (metadata != null && !metadata.isObject()) {
      String metadataPath = Paths.child(path, "metadata");
      String observed = SchemaValidator.typeOf(metadata);
      causes.add(
          FieldErrors.typeInvalid(
              metadataPath,
              observed,
              metadataPath + " in body must be of type object: " + GoText.quote(observed)));
    }
    return causes;
  }
}
