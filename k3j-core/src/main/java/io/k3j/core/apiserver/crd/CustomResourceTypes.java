package io.k3j.core.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.k3j.core.apiserver.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@link ResourceType}s one CustomResourceDefinition serves: one per served version. */
final class CustomResourceTypes {
  private CustomResourceTypes() {}

  /**
   * @throws IllegalArgumentException when the CRD lacks what serving needs (group, names)
   */
  static List<ResourceType> of(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String group = required(spec, "group");
    String plural = required(names, "plural");
    String kind = required(names, "kind");
    String singular = names.path("singular").asText(kind.toLowerCase(Locale.ROOT));
    boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
    List<String> shortNames = strings(names.path("shortNames"));
    List<String> categories = strings(names.path("categories"));
    String crdName = crd.path("metadata").path("name").asText();
    List<ResourceType> types = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(false)) {
        continue;
      }
      JsonNode subresources = version.path("subresources");
      List<String> served = new ArrayList<>();
      if (subresources.has("status")) {
        served.add("status");
      }
      if (subresources.has("scale")) {
        served.add("scale");
      }
      JsonNode columns = version.path("additionalPrinterColumns");
      types.add(
          new ResourceType(
              group,
              required(version, "name"),
              kind,
              plural,
              singular,
              namespaced,
              shortNames,
              categories,
              ResourceType.VERBS,
              served,
              new ResourceType.CustomResource(
                  crdName,
                  version.path("schema").path("openAPIV3Schema").isObject()
                      ? version.path("schema").path("openAPIV3Schema")
                      : null,
                  columns.isArray() ? columns : JsonNodeFactory.instance.arrayNode(),
                  subresources.has("scale") ? subresources.get("scale") : null,
                  version.path("storage").asBoolean(false))));
    }
    return types;
  }

  private static String required(JsonNode node, String field) {
    String value = node.path(field).asText("");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
