package io.k3j.core.apiserver.resources;

import java.util.List;

/**
 * A kind the API serves: where it is in the URL space, how it is named, and its scope.
 *
 * @param group API group, "" for core
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames) {

  public static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String listKind() {
    return kind + "List";
  }

  /** {@code configmaps} or {@code deployments.apps}, as errors and kubectl name them. */
  public String qualifiedName() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** The datastore prefix of all objects of this type, or of one namespace's. */
  public String keyPrefix(String namespace) {
    String base = "/registry/" + (group.isEmpty() ? "core" : group) + "/" + plural + "/";
    return namespace == null ? base : base + namespace + "/";
  }

  public String key(String namespace, String name) {
    return keyPrefix(namespaced ? namespace : null) + name;
  }
}
