package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The small endpoints: API version check, health, metrics and unknown paths. */
final class InfoEndpoints {
  private InfoEndpoints() {}

  /** {@code GET /v2/} (end-1): 200 means this is a v2 registry and no auth is needed. */
  static Endpoint base() {
    return ex ->
        Responses.send(
            ex,
            Responses.response(HttpResponseStatus.OK, Responses.utf8("{}"), "application/json"));
  }

  static Endpoint health() {
    return ex ->
        Responses.send(
            ex, Responses.response(HttpResponseStatus.OK, Responses.utf8("ok\n"), "text/plain"));
  }

  static Endpoint metrics(EndpointContext context) {
    return ex ->
        Responses.send(
            ex,
            Responses.response(
                HttpResponseStatus.OK,
                Responses.utf8(context.metricsText().get()),
                "text/plain; version=0.0.4; charset=utf-8"));
  }

  static Endpoint notFound() {
    return ex -> {
      throw new OciException(ErrorCode.NAME_UNKNOWN, "no such endpoint: " + ex.request().uri());
    };
  }
}
