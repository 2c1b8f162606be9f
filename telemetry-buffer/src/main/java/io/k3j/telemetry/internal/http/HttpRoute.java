package io.k3j.telemetry.internal.http;

import io.k3j.telemetry.internal.otlp.Signal;

/** Where a request goes; computed by {@link HttpRoutes#route} without side effects. */
sealed interface HttpRoute {
  record Export(Signal signal) implements HttpRoute {}

  record Health() implements HttpRoute {}

  record Metrics() implements HttpRoute {}

  record MethodNotAllowed(String allowed) implements HttpRoute {}

  record NotFound() implements HttpRoute {}
}
