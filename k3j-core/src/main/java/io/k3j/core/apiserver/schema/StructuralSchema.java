package io.k3j.core.apiserver.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.List;

/**
 * A CRD version's {@code openAPIV3Schema}, ready to validate, prune and default custom resources
 * the way apiextensions-apiserver does (see the Kubernetes docs "Extend the Kubernetes API with
 * CustomResourceDefinitions"). Build it from a schema {@link CrdValidation} accepted.
 */
public final class StructuralSchema {
  private final Schema root;

  private StructuralSchema(Schema root) {
    this.root = root;
  }

  /**
   * Parses an {@code openAPIV3Schema}.
   *
   * @throws IllegalArgumentException if a {@code pattern} is not a valid regular expression
   */
  public static StructuralSchema of(JsonNode openApiV3Schema) {
    return new StructuralSchema(new Schema(openApiV3Schema));
  }

  /**
   * Checks a whole custom resource; each cause carries upstream's reason, message and field path
   * (e.g. {@code spec.replicas}, {@code FieldValueTypeInvalid}). Empty means valid.
   */
  public List<Cause> validate(JsonNode object) {
    return SchemaValidator.validate(root, object);
  }

  /** Removes in place every field the schema does not specify (see {@link #unknownFields}). */
  public void prune(ObjectNode object) {
    Pruner.prune(root, object);
  }

  /**
   * The paths {@link #prune} would remove, in document order (e.g. {@code spec.foo}, {@code
   * spec.items[0].bar}), for {@code fieldValidation=Warn|Strict}; the object is left unchanged.
   */
  public List<String> unknownFields(JsonNode object) {
    if (!object.isObject()) {
      return List.of();
    }
    return Pruner.prune(root, ((ObjectNode) object).deepCopy());
  }

  /** Fills in {@code default} values in place, recursively. */
  public void applyDefaults(ObjectNode object) {
    Defaulter.apply(root, object);
  }
}
