package io.k3j.core.apiserver.auth;

import io.k3j.core.apiserver.Route;

/** The URL path of a route that names no resource, for {@code nonResourceURLs} rules. */
final class NonResourcePaths {
  private NonResourcePaths() {}

  static String of(Route route) {
    if (route instanceof Route.Version) {
      return "/version";
    }
    if (route instanceof Route.Metrics) {
      return "/metrics";
    }
    if (route instanceof Route.Health) {
      return "/" + ((Route.Health) route).check();
    }
    if (route instanceof Route.GroupList) {
      return ((Route.GroupList) route).core() ? "/api" : "/apis";
    }
    if (route instanceof Route.ResourceList) {
      Route.ResourceList list = (Route.ResourceList) route;
      return list.group().isEmpty()
          ? "/api/" + list.version()
          : "/apis/" + list.group() + "/" + list.version();
    }
    if (route instanceof Route.OpenApi) {
      String path = ((Route.OpenApi) route).path();
      return path.isEmpty() ? "/openapi/v3" : "/openapi/v3/" + path;
    }
    return "/";
  }
}
