package io.k3j.core.apiserver.resources;

import java.util.List;
import java.util.Optional;

/** The built-in kinds served so far, with upstream's names, scopes and short names. */
public final class BuiltinResources {
  private static final List<ResourceType> ALL =
      List.of(
          core("Namespace", "namespaces", false, "ns"),
          core("ConfigMap", "configmaps", true, "cm"),
          core("Secret", "secrets", true),
          core("ServiceAccount", "serviceaccounts", true, "sa"),
          core("Event", "events", true, "ev"),
          core("Node", "nodes", false, "no"),
          core("Pod", "pods", true, "po"),
          core("Service", "services", true, "svc"),
          core("Endpoints", "endpoints", true, "ep"),
          new ResourceType(
              "coordination.k8s.io", "v1", "Lease", "leases", "lease", true, List.of()));

  private BuiltinResources() {}

  public static List<ResourceType> all() {
    return ALL;
  }

  public static Optional<ResourceType> find(String group, String version, String plural) {
    return ALL.stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .filter(t -> t.plural().equals(plural))
        .findFirst();
  }

  private static ResourceType core(
      String kind, String plural, boolean namespaced, String... short_) {
    return new ResourceType(
        "",
        "v1",
        kind,
        plural,
        kind.toLowerCase(java.util.Locale.ROOT),
        namespaced,
        List.of(short_));
  }
}
