package io.k3j.core.apiserver;

import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.resources.ResourceHandler;

/**
 * Dispatches a routed request to its handler and turns every error into a {@code Status}: bad input
 * never becomes a 500.
 */
public final class ApiHandlers {
  private final VersionInfo version;
  private final DiscoveryHandler discovery;
  private final ResourceHandler resources;
  private final OpenApiHandler openApi;

  public ApiHandlers(
      VersionInfo version,
      DiscoveryHandler discovery,
      ResourceHandler resources,
      OpenApiHandler openApi) {
    this.version = version;
    this.discovery = discovery;
    this.resources = resources;
    this.openApi = openApi;
  }

  /** Whether the route answers without credentials (health and version, as upstream). */
  public static boolean isPublic(Route route) {
    return route instanceof Route.Version || route instanceof Route.Health;
  }

  public Reply handle(ApiRequest request) {
    try {
      Route route = request.route();
      if (route instanceof Route.Version) {
        return Reply.json(200, version.toJson());
      }
      if (route instanceof Route.Health) {
        return new Reply.Full(
            200,
            "text/plain; charset=utf-8",
            "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      if (route instanceof Route.GroupList) {
        return Reply.json(200, discovery.groups(((Route.GroupList) route).core()));
      }
      if (route instanceof Route.ResourceList) {
        Route.ResourceList list = (Route.ResourceList) route;
        return Reply.json(200, discovery.resources(list.group(), list.version()));
      }
      if (route instanceof Route.Resource) {
        return resources.handle(request, (Route.Resource) route);
      }
      if (route instanceof Route.OpenApi) {
        // Reply.Full has no headers yet: ETag and Cache-Control are dropped here.
        return openApi.handle(request, ((Route.OpenApi) route).path()).toReply();
      }
      throw new ApiException(404, "NotFound", "the server could not find the requested resource");
    } catch (ApiException e) {
      return Reply.error(e);
    }
  }
}
