package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One node of an OpenAPI v3 schema as field management reads it: struct fields, map values, list
 * items, and whether a list is {@code atomic}, a {@code set} or a {@code map} keyed by {@code
 * x-kubernetes-list-map-keys}. References ({@code $ref}, also inside a one-element {@code allOf})
 * resolve against the document's {@code components.schemas}. An unknown schema (a field the schema
 * does not declare, or an open object) behaves as upstream's deduced type: objects are granular
 * maps and lists are atomic.
 */
final class TypeSchema {
  /**
   * Schemas whose Go types carry {@code +structType=atomic} or {@code +mapType=atomic} in
   * k8s.io/api and k8s.io/apimachinery v0.32.0; the fabric8 model does not say so.
   */
  private static final Set<String> ATOMIC_STRUCTS =
      Set.of(
          "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
          "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
          "io.k8s.api.core.v1.LocalObjectReference",
          "io.k8s.api.core.v1.TypedLocalObjectReference",
          "io.k8s.api.core.v1.ObjectReference",
          "io.k8s.api.core.v1.SecretReference",
          "io.k8s.api.core.v1.ConfigMapKeySelector",
          "io.k8s.api.core.v1.SecretKeySelector",
          "io.k8s.api.core.v1.ObjectFieldSelector",
          "io.k8s.api.core.v1.ResourceFieldSelector",
          "io.k8s.api.core.v1.NodeSelector",
          "io.k8s.api.core.v1.NodeSelectorTerm",
          "io.k8s.api.core.v1.TopologySelectorTerm");

  static final TypeSchema UNKNOWN = new TypeSchema(MissingNode.getInstance(), null, false);

  private final JsonNode node;
  private final JsonNode components;
  private final boolean atomicStruct;

  private TypeSchema(JsonNode node, JsonNode components, boolean atomicStruct) {
    this.node = node;
    this.components = components;
    this.atomicStruct = atomicStruct;
  }

  /** The schema {@code node}, whose references resolve in {@code components} (may be null). */
  static TypeSchema of(JsonNode node, JsonNode components) {
    return resolve(node, components, false);
  }

  private static TypeSchema resolve(JsonNode node, JsonNode components, boolean atomic) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return UNKNOWN;
    }
    String ref = node.path("$ref").asText("");
    if (ref.isEmpty() && node.path("allOf").size() == 1) {
      ref = node.path("allOf").get(0).path("$ref").asText("");
    }
    if (!ref.isEmpty() && components != null) {
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      JsonNode target = components.path(name);
      return resolve(target, components, atomic || ATOMIC_STRUCTS.contains(name));
    }
    return new TypeSchema(node, components, atomic);
  }

  /** The schema of a struct field or map value; {@link #UNKNOWN} when undeclared. */
  TypeSchema field(String name) {
    JsonNode property = node.path("properties").path(name);
    if (!property.isMissingNode()) {
      return resolve(property, components, false);
    }
    JsonNode values = node.path("additionalProperties");
    return values.isObject() ? resolve(values, components, false) : UNKNOWN;
  }

  /** Whether {@code name} is a declared struct field (not a map entry). */
  boolean declares(String name) {
    return node.path("properties").has(name);
  }

  /** Whether this is a struct (declared properties) rather than a map. */
  boolean struct() {
    return node.path("properties").isObject();
  }

  TypeSchema items() {
    return resolve(node.path("items"), components, false);
  }

  /** An object replaced as a whole: an atomic struct or map. */
  boolean atomicObject() {
    return atomicStruct || "atomic".equals(node.path("x-kubernetes-map-type").asText());
  }

  /** {@code atomic} (the default), {@code set} or {@code map}. */
  String listType() {
    return node.path("x-kubernetes-list-type").asText("atomic");
  }

  List<String> mapKeys() {
    List<String> keys = new ArrayList<>();
    node.path("x-kubernetes-list-map-keys").forEach(key -> keys.add(key.asText()));
    return keys;
  }
}
