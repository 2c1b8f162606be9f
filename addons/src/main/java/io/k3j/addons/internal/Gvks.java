package io.k3j.addons.internal;

import io.k3j.crds.k3s.v1.GroupVersionKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code addon.k3s.cattle.io/gvks} annotation: kinds separated by {@code ;}, each as Go's
 * {@code schema.GroupVersionKind.String()} writes it ({@code apps/v1, Kind=Deployment}, {@code /v1,
 * Kind=ConfigMap} for the core group).
 */
public final class Gvks {
  private static final String SEPARATOR = ";";
  private static final String KIND = ", Kind=";

  private Gvks() {}

  public static GroupVersionKind of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return slash < 0
        ? new GroupVersionKind("", apiVersion, kind)
        : new GroupVersionKind(
            apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  public static String apiVersion(GroupVersionKind gvk) {
    return gvk.getGroup() == null || gvk.getGroup().isEmpty()
        ? gvk.getVersion()
        : gvk.getGroup() + "/" + gvk.getVersion();
  }

  public static String format(Set<GroupVersionKind> gvks) {
    return sorted(gvks).stream()
        .map(GroupVersionKind::toString)
        .collect(Collectors.joining(SEPARATOR));
  }

  /** The kinds in an annotation value; malformed entries are left out, as k3s does. */
  public static Set<GroupVersionKind> parse(String annotation) {
    Set<GroupVersionKind> gvks = new LinkedHashSet<>();
    if (annotation == null) {
      return gvks;
    }
    for (String entry : annotation.split(SEPARATOR)) {
      int kind = entry.indexOf(KIND);
      if (kind < 0) {
        continue;
      }
      String groupVersion = entry.substring(0, kind);
      int slash = groupVersion.indexOf('/');
      String group = slash < 0 ? groupVersion : groupVersion.substring(0, slash);
      String version = slash < 0 ? "" : groupVersion.substring(slash + 1);
      gvks.add(new GroupVersionKind(group, version, entry.substring(kind + KIND.length())));
    }
    return gvks;
  }

  public static List<GroupVersionKind> sorted(Set<GroupVersionKind> gvks) {
    List<GroupVersionKind> list = new ArrayList<>(gvks);
    list.sort((a, b) -> a.toString().compareTo(b.toString()));
    return list;
  }
}
