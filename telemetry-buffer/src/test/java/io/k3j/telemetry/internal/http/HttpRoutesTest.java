package io.k3j.telemetry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.telemetry.internal.otlp.Signal;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTTP routing and content types")
class HttpRoutesTest {

  @Test
  @DisplayName("POST on the three OTLP paths routes to export, with or without query or slash")
  void exportPaths() {
    assertThat(HttpRoutes.route(HttpMethod.POST, "/v1/traces"))
        .isEqualTo(new HttpRoute.Export(Signal.TRACES));
    assertThat(HttpRoutes.route(HttpMethod.POST, "/v1/metrics/"))
        .isEqualTo(new HttpRoute.Export(Signal.METRICS));
    assertThat(HttpRoutes.route(HttpMethod.POST, "/v1/logs?x=1"))
        .isEqualTo(new HttpRoute.Export(Signal.LOGS));
  }

  @Test
  @DisplayName("other methods on export paths are 405; unknown paths 404; GET health and metrics")
  void otherRoutes() {
    assertThat(HttpRoutes.route(HttpMethod.GET, "/v1/traces"))
        .isEqualTo(new HttpRoute.MethodNotAllowed("POST"));
    assertThat(HttpRoutes.route(HttpMethod.POST, "/v2/traces")).isEqualTo(new HttpRoute.NotFound());
    assertThat(HttpRoutes.route(HttpMethod.GET, "/healthz")).isEqualTo(new HttpRoute.Health());
    assertThat(HttpRoutes.route(HttpMethod.GET, "/metrics")).isEqualTo(new HttpRoute.Metrics());
    assertThat(HttpRoutes.route(HttpMethod.POST, "/metrics"))
        .isInstanceOf(HttpRoute.MethodNotAllowed.class);
  }

  @Test
  @DisplayName("x-protobuf, protobuf and json are accepted, parameters ignored; others are not")
  void contentTypes() {
    assertThat(BodyFormat.of("application/x-protobuf")).isEqualTo(BodyFormat.PROTOBUF);
    assertThat(BodyFormat.of("application/protobuf")).isEqualTo(BodyFormat.PROTOBUF);
    assertThat(BodyFormat.of("Application/JSON; charset=utf-8")).isEqualTo(BodyFormat.JSON);
    assertThat(BodyFormat.of("text/plain")).isNull();
    assertThat(BodyFormat.of(null)).isNull();
  }
}
