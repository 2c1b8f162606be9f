package io.k3j.registry.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.registry.internal.oci.OciException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Writes responses; {@link #sendError} is the one place errors become the OCI JSON envelope. */
public final class Responses {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String API_VERSION = "Docker-Distribution-API-Version";

  private Responses() {}

  public static FullHttpResponse response(HttpResponseStatus status, byte[] body, String type) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.wrappedBuffer(body == null ? new byte[0] : body));
    response.headers().set(API_VERSION, "registry/2.0");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
    if (type != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    }
    return response;
  }

  public static FullHttpResponse empty(HttpResponseStatus status) {
    return response(status, null, null);
  }

  public static FullHttpResponse json(HttpResponseStatus status, Object node) {
    try {
      return response(status, JSON.writeValueAsBytes(node), "application/json");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a full response; for HEAD the body is dropped but Content-Length is kept. */
  public static void send(Exchange ex, FullHttpResponse response) {
    if (ex.method().equals(HttpMethod.HEAD)) {
      HttpHeaders headers = response.headers().copy();
      HttpResponseStatus status = response.status();
      response.release();
      response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
      response.headers().set(headers);
    }
    boolean keepAlive = keepAlive(ex, response);
    ChannelFuture write = ex.ctx().writeAndFlush(response);
    if (!keepAlive) {
      write.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Marks a response head with the request's keep-alive choice and returns that choice. */
  public static boolean keepAlive(Exchange ex, HttpResponse response) {
    boolean keepAlive = HttpUtil.isKeepAlive(ex.request());
    HttpUtil.setKeepAlive(response, keepAlive);
    return keepAlive;
  }

  public static void sendError(Exchange ex, OciException error) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode errors = root.putArray("errors");
    ObjectNode entry = errors.addObject();
    entry.put("code", error.code().wireCode());
    entry.put("message", error.getMessage());
    entry.set("detail", JSON.valueToTree(error.detail()));
    FullHttpResponse response = json(HttpResponseStatus.valueOf(error.code().status()), root);
    error.headers().forEach((k, v) -> response.headers().set(k, v));
    send(ex, response);
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
