package io.k3j.telemetry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OtlpHttpHandler on an EmbeddedChannel")
class OtlpHttpHandlerTest {

  static FullHttpResponse exchange(HttpMethod method, String uri, String contentType) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    EmbeddedChannel channel =
        new EmbeddedChannel(new OtlpHttpHandler(new ExportEndpoint(null, 1 << 20), registry));
    try {
      DefaultFullHttpRequest request =
          new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
      if (contentType != null) {
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
      }
      channel.writeInbound(request);
      return channel.readOutbound();
    } finally {
      channel.finishAndReleaseAll();
      registry.close();
    }
  }

  static com.google.rpc.Status status(FullHttpResponse response) throws Exception {
    try {
      return com.google.rpc.Status.parseFrom(ByteBufUtil.getBytes(response.content()));
    } finally {
      response.release();
    }
  }

  @Test
  @DisplayName("405 carries Allow and a protobuf google.rpc.Status")
  void methodNotAllowed() throws Exception {
    FullHttpResponse response = exchange(HttpMethod.PUT, "/v1/logs", null);

    assertThat(response.status().code()).isEqualTo(405);
    assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST");
    assertThat(status(response).getMessage()).contains("PUT");
  }

  @Test
  @DisplayName("415 names the supported content types before the body is looked at")
  void unsupportedMediaType() throws Exception {
    FullHttpResponse response = exchange(HttpMethod.POST, "/v1/logs", "application/xml");

    assertThat(response.status().code()).isEqualTo(415);
    assertThat(status(response).getMessage()).contains("application/json");
  }

  @Test
  @DisplayName("unknown paths are 404 and health answers ok")
  void notFoundAndHealth() throws Exception {
    FullHttpResponse missing = exchange(HttpMethod.GET, "/nope", null);
    FullHttpResponse health = exchange(HttpMethod.GET, "/healthz", null);

    assertThat(missing.status().code()).isEqualTo(404);
    missing.release();
    assertThat(health.status().code()).isEqualTo(200);
    health.release();
  }
}
