package io.k3j.core.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.apiserver.schema.CrdDefaults;
import io.k3j.core.apiserver.schema.CrdValidation;
import io.k3j.core.apiserver.schema.StructuralSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write policy of CustomResourceDefinitions and custom resources: a CRD is defaulted and must
 * be valid (structural schemas included); a custom resource is pruned to its version's schema,
 * defaulted, and validated against it, as the apiextensions server does.
 */
public final class CustomResourceAdmission implements ObjectStore.WritePolicy {
  private final Map<JsonNode, StructuralSchema> schemas = new ConcurrentHashMap<>();

  @Override
  public void admit(ResourceType type, ObjectNode object, ObjectNode old) {
    if (isDefinition(type)) {
      admitDefinition(object);
    } else if (type.isCustom() && type.custom().schema() != null) {
      admitResource(type, object);
    }
  }

  /** Compared by group and plural first: a record's full {@code equals} on every write costs. */
  private static boolean isDefinition(ResourceType type) {
    ResourceType definitions = BuiltinResources.customResourceDefinitions();
    return type == definitions
        || (type.plural().equals(definitions.plural())
            && type.group().equals(definitions.group())
            && type.equals(definitions));
  }

  private static void admitDefinition(ObjectNode crd) {
    CrdDefaults.apply(crd);
    List<ApiException.Cause> causes = CrdValidation.validate(crd);
    if (!causes.isEmpty()) {
      throw ApiException.invalid(
          "CustomResourceDefinition", crd.path("metadata").path("name").asText(), causes);
    }
  }

  private void admitResource(ResourceType type, ObjectNode object) {
    StructuralSchema schema = schema(type);
    schema.prune(object);
    schema.applyDefaults(object);
    List<ApiException.Cause> causes = new ArrayList<>(schema.validate(object));
    if (!causes.isEmpty()) {
      throw ApiException.invalid(
          type.kind() + "." + type.group(), object.path("metadata").path("name").asText(), causes);
    }
  }

  /** The paths of fields the type's schema does not know, for fieldValidation Warn and Strict. */
  public List<String> unknownFields(ResourceType type, JsonNode object) {
    if (!type.isCustom() || type.custom().schema() == null) {
      return List.of();
    }
    return schema(type).unknownFields(object);
  }

  private StructuralSchema schema(ResourceType type) {
    return schemas.computeIfAbsent(type.custom().schema(), StructuralSchema::of);
  }
}
