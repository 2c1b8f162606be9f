package io.k3j.core.apiserver;

import java.util.Arrays;
import java.util.List;

/** Maps a request path to a {@link Route}: a pure function of the path. */
public final class Router {
  private Router() {}

  public static Route route(String path) {
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    if (parts.isEmpty()) {
      return new Route.NotFound();
    }
    switch (parts.get(0)) {
      case "version":
        return parts.size() == 1 ? new Route.Version() : new Route.NotFound();
      case "metrics":
        return parts.size() == 1 ? new Route.Metrics() : new Route.NotFound();
      case "healthz":
      case "livez":
      case "readyz":
        return new Route.Health(String.join("/", parts));
      case "api":
        return parts.size() == 1
            ? new Route.GroupList(true)
            : api("", parts.subList(1, parts.size()));
      case "apis":
        if (parts.size() == 1) {
          return new Route.GroupList(false);
        }
        if (parts.size() == 2) {
          return new Route.NotFound();
        }
        return api(parts.get(1), parts.subList(2, parts.size()));
      case "openapi":
        return parts.size() >= 2 && parts.get(1).equals("v3")
            ? new Route.OpenApi(String.join("/", parts.subList(2, parts.size())))
            : new Route.NotFound();
      default:
        return new Route.NotFound();
    }
  }

  /** {@code parts} starts at the version. */
  private static Route api(String group, List<String> parts) {
    String version = parts.get(0);
    List<String> rest = parts.subList(1, parts.size());
    if (rest.isEmpty()) {
      return new Route.ResourceList(group, version);
    }
    boolean namespaceScoped =
        rest.get(0).equals("namespaces")
            && rest.size() >= 3
            && !rest.get(2).equals("status")
            && !rest.get(2).equals("finalize");
    if (namespaceScoped) {
      return resource(group, version, rest.get(1), rest.subList(2, rest.size()));
    }
    return resource(group, version, null, rest);
  }

  private static Route resource(String group, String version, String namespace, List<String> rest) {
    if (rest.size() > 3) {
      return new Route.NotFound();
    }
    return new Route.Resource(
        group,
        version,
        namespace,
        rest.get(0),
        rest.size() > 1 ? rest.get(1) : null,
        rest.size() > 2 ? rest.get(2) : null);
  }
}
