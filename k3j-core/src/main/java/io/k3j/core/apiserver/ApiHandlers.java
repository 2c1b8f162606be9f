package io.k3j.core.apiserver;

import io.k3j.core.apiserver.auth.ApiAuth;
import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.resources.ResourceHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates bearer tokens, authorizes, dispatches a routed request to its handler and turns
 * every error into a {@code Status}: bad input never becomes a 500.
 */
public final class ApiHandlers {
  private final VersionInfo version;
  private final DiscoveryHandler discovery;
  private final ResourceHandler resources;
  private final OpenApiHandler openApi;
  private final MeterRegistry meters;
  private final ApiAuth auth;
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

  public ApiHandlers(
      VersionInfo version,
      DiscoveryHandler discovery,
      ResourceHandler resources,
      OpenApiHandler openApi,
      MeterRegistry meters,
      ApiAuth auth) {
    this.version = version;
    this.discovery = discovery;
    this.resources = resources;
    this.openApi = openApi;
    this.meters = meters;
    this.auth = auth;
  }

  /** Whether the route answers without credentials (health and version, as upstream). */
  public static boolean isPublic(Route route) {
    return route instanceof Route.Version || route instanceof Route.Health;
  }

  public Reply handle(ApiRequest request) {
    Reply reply;
    try {
      ApiRequest caller = auth.impersonate(auth.authenticate(request));
      authorize(caller);
      reply = dispatch(caller);
    } catch (ApiException e) {
      reply = Reply.error(e);
    }
    if (request.route() instanceof Route.Resource) {
      count(request, (Route.Resource) request.route(), reply);
    }
    return reply;
  }

  /**
   * {@code apiserver_request_total} as kube-apiserver names it, by verb, group, version, resource,
   * subresource and code.
   */
  private void count(ApiRequest request, Route.Resource route, Reply reply) {
    int code = reply instanceof Reply.Full ? ((Reply.Full) reply).status() : 200;
    CounterKey key =
        new CounterKey(
            verb(request, route),
            route.group(),
            route.version(),
            route.plural(),
            route.subresource() == null ? "" : route.subresource(),
            code);
    counters.computeIfAbsent(key, this::counter).increment();
  }

  /** The tags of one {@code apiserver_request_total} series: its counter is registered once. */
  private record CounterKey(
      String verb, String group, String version, String resource, String subresource, int code) {}

  private Counter counter(CounterKey key) {
    return Counter.builder("apiserver_request")
        .description("API requests by verb, resource and HTTP code")
        .tag("verb", key.verb())
        .tag("group", key.group())
        .tag("version", key.version())
        .tag("resource", key.resource())
        .tag("subresource", key.subresource())
        .tag("code", Integer.toString(key.code()))
        .register(meters);
  }

  /** Public routes and unknown paths (404) need no permission; everything else RBAC decides. */
  private void authorize(ApiRequest request) {
    Route route = request.route();
    if (isPublic(route) || route instanceof Route.NotFound) {
      return;
    }
    if (request.user() == null) {
      throw new ApiException(401, "Unauthorized", "Unauthorized");
    }
    String verb = route instanceof Route.Resource ? verb(request, (Route.Resource) route) : null;
    auth.authorize(request, verb);
  }

  /** The Kubernetes verb of a resource request: get, list, watch, create, update, ... */
  static String verb(ApiRequest request, Route.Resource route) {
    boolean collection = route.name() == null;
    switch (request.method()) {
      case "GET":
        if (request.flag("watch")) {
          return "watch";
        }
        return collection ? "list" : "get";
      case "POST":
        return "create";
      case "PUT":
        return "update";
      case "PATCH":
        return "patch";
      case "DELETE":
        return collection ? "deletecollection" : "delete";
      default:
        return request.method().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private Reply dispatch(ApiRequest request) {
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
      if (route instanceof Route.Metrics) {
        return metrics();
      }
      if (route instanceof Route.GroupList) {
        return discovery.groups(request, ((Route.GroupList) route).core());
      }
      if (route instanceof Route.ResourceList) {
        Route.ResourceList list = (Route.ResourceList) route;
        return discovery.resources(request, list.group(), list.version());
      }
      if (route instanceof Route.Resource && auth.serves((Route.Resource) route)) {
        return auth.handle(request, (Route.Resource) route);
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

  private Reply metrics() {
    if (!(meters instanceof PrometheusMeterRegistry)) {
      throw new ApiException(404, "NotFound", "metrics are not exported by this server");
    }
    return new Reply.Full(
        200,
        "text/plain; version=0.0.4; charset=utf-8",
        ((PrometheusMeterRegistry) meters).scrape().getBytes(StandardCharsets.UTF_8));
  }
}
