package io.k3j.registry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.registry.internal.RegistryMetrics;
import io.k3j.registry.internal.store.ContentStore;
import io.k3j.registry.testing.TestImage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryHandlerTest {
  @TempDir Path dir;
  ContentStore store;

  EmbeddedChannel channel(boolean readOnly, int maxManifest) {
    store = new ContentStore(dir, Clock.systemUTC());
    EndpointContext context =
        new EndpointContext(
            store,
            store,
            readOnly,
            maxManifest,
            Set.of(),
            new RegistryMetrics(new SimpleMeterRegistry(), repo -> RegistryMetrics.LOCAL, Set.of()),
            () -> "");
    return new EmbeddedChannel(
        new ChunkedWriteHandler(), new RegistryHandler(new Endpoints(context)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  static JsonNode errorOf(FullHttpResponse response) throws Exception {
    try {
      return Responses.JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  @Test
  @DisplayName("errors use the OCI envelope {errors:[{code,message,detail}]} with the spec status")
  void errorEnvelope() throws Exception {
    EmbeddedChannel channel = channel(false, 1024);
    channel.writeInbound(
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v2/a/b/manifests/v1"));
    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(404);
    assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
    JsonNode error = errorOf(response).at("/errors/0");
    assertThat(error.get("code").asText()).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(error.has("message")).isTrue();
    assertThat(error.has("detail")).isTrue();
    channel.finishAndReleaseAll();
  }

  @Test
  @DisplayName(
      "a manifest body over the limit is refused with 413 after the body is drained, keeping the connection usable")
  void manifestTooLarge() throws Exception {
    EmbeddedChannel channel = channel(false, 10);
    DefaultHttpRequest head =
        new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/v2/a/b/manifests/v1");
    head.headers().set("Content-Type", TestImage.MANIFEST_TYPE);
    channel.writeInbound(head);
    channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[8])));
    channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[8])));
    Object early = channel.readOutbound();
    assertThat(early).isNull();
    channel.writeInbound(new DefaultLastHttpContent());
    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(413);
    assertThat(errorOf(response).at("/errors/0/code").asText()).isEqualTo("SIZE_INVALID");

    channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v2/"));
    FullHttpResponse base = channel.readOutbound();
    assertThat(base.status().code()).isEqualTo(200);
    base.release();
    channel.finishAndReleaseAll();
  }

  @Test
  @DisplayName("read-only mode refuses pushes and deletes with 405 UNSUPPORTED")
  void readOnly() throws Exception {
    EmbeddedChannel channel = channel(true, 1024);
    channel.writeInbound(
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, "/v2/a/b/blobs/uploads/"));
    FullHttpResponse post = channel.readOutbound();
    assertThat(post.status().code()).isEqualTo(405);
    assertThat(errorOf(post).at("/errors/0/code").asText()).isEqualTo("UNSUPPORTED");
    channel.writeInbound(
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.DELETE, "/v2/a/b/manifests/v1"));
    FullHttpResponse delete = channel.readOutbound();
    assertThat(delete.status().code()).isEqualTo(405);
    delete.release();
    channel.finishAndReleaseAll();
  }

  @Test
  @DisplayName(
      "a request URI with a broken percent escape gets 400 NAME_INVALID, not a dropped connection")
  void malformedUri() throws Exception {
    EmbeddedChannel channel = channel(false, 1024);
    channel.writeInbound(
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.GET, "/v2/a/b%zz/manifests/v1"));
    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(400);
    assertThat(errorOf(response).at("/errors/0/code").asText()).isEqualTo("NAME_INVALID");
    assertThat(channel.isActive()).isTrue();
    channel.finishAndReleaseAll();
  }
}
