package io.k3j.telemetry.internal.http;

import io.k3j.telemetry.internal.otlp.Signal;
import io.netty.handler.codec.http.HttpMethod;

/** Maps method and path to a route: OTLP export paths accept POST only (OTLP spec: 405). */
final class HttpRoutes {
  private HttpRoutes() {}

  static HttpRoute route(HttpMethod method, String uri) {
    String path = pathOf(uri);
    for (Signal signal : Signal.values()) {
      if (signal.httpPath().equals(path)) {
        return HttpMethod.POST.equals(method)
            ? new HttpRoute.Export(signal)
            : new HttpRoute.MethodNotAllowed("POST");
      }
    }
    if (path.equals("/healthz") || path.equals("/metrics")) {
      if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
        return new HttpRoute.MethodNotAllowed("GET, HEAD");
      }
      return path.equals("/healthz") ? new HttpRoute.Health() : new HttpRoute.Metrics();
    }
    return new HttpRoute.NotFound();
  }

  private static String pathOf(String uri) {
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
