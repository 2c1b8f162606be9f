package io.k3j.core.apiserver.openapi;

import io.k3j.core.apiserver.resources.ResourceType;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Upstream's names for schemas (Go package path and type, as kube-apiserver publishes them) and
 * where the fabric8 model keeps the matching Java class.
 */
final class SchemaNames {
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String DELETE_OPTIONS = META + "DeleteOptions";
  static final String STATUS = META + "Status";
  static final String WATCH_EVENT = META + "WatchEvent";
  static final String PATCH = META + "Patch";
  static final String OBJECT_META = META + "ObjectMeta";
  static final String LIST_META = META + "ListMeta";
  static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";
  private static final String CORE = "io.k8s.api.core.v1.";
  private static final String API = "io.k8s.api.";
  private static final String APIEXTENSIONS = "io.k8s.apiextensions-apiserver.pkg.apis.";

  /** Types in fabric8's root package that upstream defines in apimachinery's meta/v1. */
  private static final Set<String> META_TYPES =
      Set.of(
          "Condition",
          "DeleteOptions",
          "LabelSelector",
          "LabelSelectorRequirement",
          "ListMeta",
          "ManagedFieldsEntry",
          "ObjectMeta",
          "OwnerReference",
          "Preconditions",
          "Status",
          "StatusCause",
          "StatusDetails",
          "WatchEvent");

  /** fabric8 packages without a version segment; each holds only v1 of its group. */
  private static final Set<String> UNVERSIONED =
      Set.of("apps", "rbac", "storage", "authentication");

  private SchemaNames() {}

  /** The upstream name of a fabric8 model class, e.g. {@code io.k8s.api.apps.v1.Deployment}. */
  static String of(Class<?> model) {
    String pkg = model.getPackageName();
    String simple = model.getSimpleName();
    if (pkg.equals(FABRIC8)) {
      return (META_TYPES.contains(simple) ? META : CORE) + simple;
    }
    if (!pkg.startsWith(FABRIC8 + ".")) {
      return pkg + "." + simple;
    }
    String sub = pkg.substring(FABRIC8.length() + 1);
    if (UNVERSIONED.contains(sub)) {
      sub = sub + ".v1";
    }
    return (sub.startsWith("apiextensions.") ? APIEXTENSIONS : API) + sub + "." + simple;
  }

  /**
   * The schema name of a kind: upstream's package for built-in groups ({@code
   * io.k8s.api.apps.v1.Deployment}); for custom resources the reversed group, as kube-apiserver
   * names CRD schemas ({@code com.example.stable.v1.CronTab}).
   */
  static String ofKind(ResourceType type) {
    if (type.isCustom()) {
      List<String> labels = Arrays.asList(type.group().split("\\."));
      Collections.reverse(labels);
      return String.join(".", labels) + "." + type.version() + "." + type.kind();
    }
    String shortGroup = shortGroup(type.group());
    String base = shortGroup.equals("apiextensions") ? APIEXTENSIONS : API;
    return base + shortGroup + "." + type.version() + "." + type.kind();
  }

  /** The fabric8 class of a built-in kind, when its model jar is on the class path. */
  static Optional<Class<?>> modelClass(String group, String version, String kind) {
    String shortGroup = shortGroup(group);
    String pkg =
        group.isEmpty()
            ? FABRIC8
            : UNVERSIONED.contains(shortGroup)
                ? FABRIC8 + "." + shortGroup
                : FABRIC8 + "." + shortGroup + "." + version;
    try {
      return Optional.of(
          Class.forName(pkg + "." + kind, false, SchemaNames.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The group as operation ids spell it: {@code CoreV1}, {@code AppsV1}, {@code
   * RbacAuthorizationV1}, {@code StableExampleComV1}.
   */
  static String operationGroup(ResourceType type) {
    String group = type.group().isEmpty() ? "core" : type.group().replaceFirst("\\.k8s\\.io$", "");
    return Arrays.stream(group.split("[.-]"))
            .map(SchemaNames::capitalize)
            .collect(Collectors.joining())
        + capitalize(type.version());
  }

  private static String capitalize(String word) {
    return word.isEmpty()
        ? word
        : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }

  private static String shortGroup(String group) {
    return group.isEmpty() ? "core" : group.split("\\.")[0];
  }
}
