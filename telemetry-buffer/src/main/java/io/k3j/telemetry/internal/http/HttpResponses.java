package io.k3j.telemetry.internal.http;

import io.k3j.telemetry.internal.otlp.OtlpError;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Writes responses; {@link #sendError} is the only way an error reaches an HTTP client. */
final class HttpResponses {
  private HttpResponses() {}

  static void send(
      ChannelHandlerContext ctx, boolean keepAlive, int status, String contentType, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    send(ctx, keepAlive, response);
  }

  static void sendError(
      ChannelHandlerContext ctx, boolean keepAlive, OtlpError error, BodyFormat format) {
    sendError(ctx, keepAlive, error, format, null);
  }

  /** Sends {@code error} as a google.rpc.Status body; {@code allow} is set on a 405. */
  static void sendError(
      ChannelHandlerContext ctx,
      boolean keepAlive,
      OtlpError error,
      BodyFormat format,
      String allow) {
    byte[] body = format == BodyFormat.JSON ? error.toJson() : error.toProtobuf();
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(error.httpStatus()),
            Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, format.contentType());
    if (!error.retryAfter().isZero()) {
      response.headers().set(HttpHeaderNames.RETRY_AFTER, error.retryAfter().toSeconds());
    }
    if (allow != null) {
      response.headers().set(HttpHeaderNames.ALLOW, allow);
    }
    send(ctx, keepAlive, response);
  }

  private static void send(
      ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(response);
    }
  }
}
