package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A kind the API serves: where it is in the URL space, how it is named, its scope, verbs and
 * subresources. Built-ins come from {@link BuiltinResources}; custom resources carry their {@link
 * CustomResource} definition.
 *
 * @param group API group, "" for core
 * @param subresources "status" and/or "scale"
 * @param custom null for built-in kinds
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> verbs,
    List<String> subresources,
    CustomResource custom) {

  public static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /**
   * What a CustomResourceDefinition says about one served version.
   *
   * @param schema the version's {@code openAPIV3Schema}, or null
   * @param printerColumns the version's {@code additionalPrinterColumns} (possibly empty array)
   * @param scale the version's {@code subresources.scale}, or null
   * @param storage whether this is the storage version
   */
  public record CustomResource(
      String crdName, JsonNode schema, JsonNode printerColumns, JsonNode scale, boolean storage) {}

  public ResourceType {
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    verbs = List.copyOf(verbs);
    subresources = List.copyOf(subresources);
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String listKind() {
    return kind + "List";
  }

  public boolean hasSubresource(String name) {
    return subresources.contains(name);
  }

  public boolean isCustom() {
    return custom != null;
  }

  /** {@code configmaps} or {@code deployments.apps}, as errors and kubectl name them. */
  public String qualifiedName() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /**
   * The datastore prefix of all objects of this type, or of one namespace's. All versions of a
   * group share it: objects are stored once, whatever version wrote them.
   */
  public String keyPrefix(String namespace) {
    String base = "/registry/" + (group.isEmpty() ? "core" : group) + "/" + plural + "/";
    return namespace == null ? base : base + namespace + "/";
  }

  public String key(String namespace, String name) {
    return keyPrefix(namespaced ? namespace : null) + name;
  }
}
