package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Upstream's ObjectMeta checks: names, labels, annotations and finalizers. */
final class MetadataValidation {
  static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;
  private static final Set<String> STANDARD_FINALIZERS =
      Set.of("kubernetes", "orphan", "foregroundDeletion");

  private MetadataValidation() {}

  /**
   * Checks an object's metadata. The namespace is checked only when present: the server fills it
   * from the URL.
   */
  static void validate(JsonNode metadata, NameRule rule, FieldErrors errors) {
    String generateName = metadata.path("generateName").asText("");
    if (!generateName.isEmpty()) {
      errors.invalidEach("metadata.generateName", generateName, rule.check(generateName, true));
    }
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      errors.required("metadata.name", "name or generateName is required");
    } else {
      errors.invalidEach("metadata.name", name, rule.check(name, false));
    }
    String namespace = metadata.path("namespace").asText("");
    if (!namespace.isEmpty()) {
      errors.invalidEach("metadata.namespace", namespace, Names.dns1123Label(namespace));
    }
    labels(metadata.path("labels"), "metadata.labels", errors);
    annotations(metadata.path("annotations"), "metadata.annotations", errors);
    for (JsonNode finalizer : metadata.path("finalizers")) {
      finalizer(finalizer.asText(""), "metadata.finalizers", errors);
    }
  }

  /** On update the name may not change. */
  static void validateUpdate(JsonNode metadata, JsonNode oldMetadata, FieldErrors errors) {
    String name = metadata.path("name").asText("");
    if (!name.equals(oldMetadata.path("name").asText(""))) {
      errors.invalid("metadata.name", name, "field is immutable");
    }
  }

  /** Label keys are qualified names; values at most 63 characters of a restricted alphabet. */
  static void labels(JsonNode labels, String path, FieldErrors errors) {
    labels
        .fields()
        .forEachRemaining(
            e -> {
              errors.invalidEach(path, e.getKey(), Names.qualifiedName(e.getKey()));
              String value = e.getValue().asText("");
              errors.invalidEach(path, value, Names.labelValue(value));
            });
  }

  /** Annotation keys are qualified names (case-insensitive); all entries ≤ 256 KiB together. */
  static void annotations(JsonNode annotations, String path, FieldErrors errors) {
    long size = 0;
    var entries = annotations.fields();
    while (entries.hasNext()) {
      var e = entries.next();
      errors.invalidEach(path, e.getKey(), Names.qualifiedName(e.getKey().toLowerCase()));
      size += Names.bytes(e.getKey()) + Names.bytes(e.getValue().asText(""));
    }
    if (size > ANNOTATIONS_MAX_BYTES) {
      errors.tooLong(path, ANNOTATIONS_MAX_BYTES);
    }
  }

  /** A finalizer is a qualified name, and one without a prefix must be a standard one. */
  static void finalizer(String finalizer, String path, FieldErrors errors) {
    errors.invalidEach(path, finalizer, Names.qualifiedName(finalizer));
    if (!finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
      errors.invalid(
          path, finalizer, "name is neither a standard finalizer name nor is it fully qualified");
    }
  }
}
