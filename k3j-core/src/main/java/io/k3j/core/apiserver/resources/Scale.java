package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code /scale} subresource: an {@code autoscaling/v1 Scale} view of an object's replica
 * count, at upstream's fixed paths for built-ins and at a CRD's {@code specReplicasPath}, {@code
 * statusReplicasPath} and {@code labelSelectorPath}.
 */
final class Scale {
  private final List<String> specReplicas;
  private final List<String> statusReplicas;
  private final List<String> labelSelector;

  private Scale(String specReplicas, String statusReplicas, String labelSelector) {
    this.specReplicas = path(specReplicas);
    this.statusReplicas = path(statusReplicas);
    this.labelSelector = labelSelector == null ? null : path(labelSelector);
  }

  static Scale of(ResourceType type) {
    if (type.isCustom()) {
      JsonNode scale = type.custom().scale();
      return new Scale(
          scale.path("specReplicasPath").asText(),
          scale.path("statusReplicasPath").asText(),
          scale.path("labelSelectorPath").asText(null));
    }
    return new Scale(".spec.replicas", ".status.replicas", null);
  }

  ObjectNode read(ObjectNode object) {
    ObjectNode scale = JsonNodeFactory.instance.objectNode();
    scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode metadata = scale.putObject("metadata");
    JsonNode source = object.path("metadata");
    for (String field : List.of("name", "namespace", "uid", "resourceVersion")) {
      if (source.has(field)) {
        metadata.set(field, source.get(field));
      }
    }
    metadata.set("creationTimestamp", source.get("creationTimestamp"));
    scale.putObject("spec").put("replicas", at(object, specReplicas).asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", at(object, statusReplicas).asInt(0));
    String selector = selector(object);
    if (!selector.isEmpty()) {
      status.put("selector", selector);
    }
    return scale;
  }

  /** {@code current} with the replica count of {@code scale}; its resourceVersion is a guard. */
  ObjectNode apply(ObjectNode current, ObjectNode scale) {
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.canConvertToInt() || !replicas.isIntegralNumber() || replicas.asInt() < 0) {
      throw ApiException.invalid(
          "Scale",
          current.path("metadata").path("name").asText(),
          List.of(
              new ApiException.Cause(
                  "FieldValueInvalid",
                  "Invalid value: " + replicas + ": must be greater than or equal to 0",
                  "spec.replicas")));
    }
    ObjectNode next = current.deepCopy();
    ObjectNode parent = next;
    for (String field : specReplicas.subList(0, specReplicas.size() - 1)) {
      parent = parent.has(field) ? (ObjectNode) parent.get(field) : parent.putObject(field);
    }
    parent.put(specReplicas.get(specReplicas.size() - 1), replicas.asInt());
    String version = scale.path("metadata").path("resourceVersion").asText("");
    if (!version.isEmpty()) {
      ((ObjectNode) next.get("metadata")).put("resourceVersion", version);
    }
    return next;
  }

  private String selector(ObjectNode object) {
    if (labelSelector != null) {
      return at(object, labelSelector).asText("");
    }
    JsonNode selector = object.path("spec").path("selector");
    if (!selector.has("matchLabels") && !selector.has("matchExpressions")) {
      return labels(selector);
    }
    List<String> terms = new ArrayList<>();
    String matchLabels = labels(selector.path("matchLabels"));
    if (!matchLabels.isEmpty()) {
      terms.add(matchLabels);
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      switch (expression.path("operator").asText()) {
        case "In":
          terms.add(key + " in (" + String.join(",", values) + ")");
          break;
        case "NotIn":
          terms.add(key + " notin (" + String.join(",", values) + ")");
          break;
        case "Exists":
          terms.add(key);
          break;
        default:
          terms.add("!" + key);
      }
    }
    return String.join(",", terms);
  }

  private static String labels(JsonNode map) {
    List<String> pairs = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isTextual()) {
        pairs.add(field.getKey() + "=" + field.getValue().asText());
      }
    }
    return String.join(",", pairs);
  }

  private static JsonNode at(JsonNode object, List<String> path) {
    JsonNode node = object;
    for (String field : path) {
      node = node.path(field);
    }
    return node;
  }

  /** {@code .spec.replicas} as its field names. */
  private static List<String> path(String jsonPath) {
    String trimmed = jsonPath.startsWith(".") ? jsonPath.substring(1) : jsonPath;
    return List.of(trimmed.split("\\."));
  }
}
