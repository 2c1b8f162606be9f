package io.k3j.core.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiHandlers;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.Router;
import io.k3j.core.apiserver.Status;
import io.k3j.core.apiserver.resources.Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns one HTTP request into an {@link ApiRequest}, runs it, and writes the {@link Reply}. */
final class ApiChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(ApiChannelHandler.class);

  private final ApiHandlers handlers;

  ApiChannelHandler(ApiHandlers handlers) {
    this.handlers = handlers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    Route route = Router.route(uri.path());
    ApiRequest.User user = Authenticator.authenticate(ctx.channel());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (request.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
      declineWebSocket(ctx, keepAlive);
      return;
    }
    boolean bearer = request.headers().contains(HttpHeaderNames.AUTHORIZATION);
    if (user == null && !bearer && !ApiHandlers.isPublic(route)) {
      sendError(ctx, new ApiException(401, "Unauthorized", "Unauthorized"), keepAlive);
      return;
    }
    ApiRequest apiRequest =
        new ApiRequest(
            request.method().name(),
            route,
            uri.parameters(),
            request.headers().get(HttpHeaderNames.CONTENT_TYPE),
            request.headers().get(HttpHeaderNames.ACCEPT),
            ByteBufUtil.getBytes(request.content()),
            user,
            forwardedHeaders(request));
    Reply reply;
    try {
      reply = handlers.handle(apiRequest);
    } catch (RuntimeException e) {
      log.error("request {} {} failed", request.method(), request.uri(), e);
      reply =
          Reply.error(
              new ApiException(500, "InternalError", "Internal error occurred: " + e.getMessage()));
    }
    if (reply instanceof Reply.Full) {
      send(ctx, (Reply.Full) reply, keepAlive);
    } else {
      stream(ctx, (Reply.Stream) reply);
    }
  }

  /**
   * Watches are served as chunked HTTP streams only. fabric8 tries a WebSocket first and falls back
   * to a streaming watch when the handshake is answered with 200, so that is the answer.
   */
  private static void declineWebSocket(ChannelHandlerContext ctx, boolean keepAlive) {
    ObjectNode status = Status.success();
    status.put(
        "message", "WebSocket watches are not served; use an HTTP streaming watch (?watch=true)");
    status.put("code", 200);
    send(ctx, Reply.json(200, status), keepAlive);
  }

  /**
   * If-None-Match for caching, Authorization for bearer tokens, User-Agent for the default field
   * manager, and the {@code Impersonate-*} headers, each under its lower-case name with repeated
   * values joined by newlines (which no header value contains).
   */
  private static Map<String, String> forwardedHeaders(FullHttpRequest request) {
    Map<String, String> headers = new HashMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
      if (name.startsWith("impersonate-")) {
        headers.merge(name, header.getValue(), (a, b) -> a + "\n" + b);
      }
    }
    for (AsciiString name :
        List.of(
            HttpHeaderNames.IF_NONE_MATCH,
            HttpHeaderNames.AUTHORIZATION,
            HttpHeaderNames.USER_AGENT)) {
      String value = request.headers().get(name);
      if (value != null) {
        headers.put(name.toString(), value);
      }
    }
    return Map.copyOf(headers);
  }

  static void sendError(ChannelHandlerContext ctx, ApiException e, boolean keepAlive) {
    send(ctx, Reply.error(e), keepAlive);
  }

  private static void send(ChannelHandlerContext ctx, Reply.Full reply, boolean keepAlive) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            Unpooled.wrappedBuffer(reply.body()));
    if (reply.contentType() != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    }
    reply.headers().forEach(response.headers()::add);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static void stream(ChannelHandlerContext ctx, Reply.Stream reply) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    ctx.writeAndFlush(head);
    ChannelSink sink = new ChannelSink(ctx.channel());
    AutoCloseable watch;
    try {
      watch = reply.opener().open(sink);
    } catch (ApiException e) {
      sink.send(Status.of(e));
      sink.end();
      return;
    }
    ctx.channel()
        .closeFuture()
        .addListener(
            closed -> {
              try {
                watch.close();
              } catch (Exception e) {
                log.debug("closing watch failed", e);
              }
            });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.getMessage());
    ctx.close();
  }

  /** Writes watch events as JSON lines on the channel; thread-safe. */
  private static final class ChannelSink implements Reply.EventSink {
    private final Channel channel;
    private final AtomicBoolean ended = new AtomicBoolean();

    ChannelSink(Channel channel) {
      this.channel = channel;
    }

    @Override
    public void send(JsonNode event) {
      if (ended.get()) {
        return;
      }
      byte[] json = Json.bytes(event);
      byte[] line = new byte[json.length + 1];
      System.arraycopy(json, 0, line, 0, json.length);
      line[json.length] = '\n';
      channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(line)));
    }

    @Override
    public void end() {
      if (ended.compareAndSet(false, true)) {
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      }
    }

    @Override
    public void schedule(long millis, Runnable task) {
      channel
          .eventLoop()
          .schedule(
              () -> {
                if (!ended.get() && channel.isActive()) {
                  task.run();
                }
              },
              millis,
              TimeUnit.MILLISECONDS);
    }
  }
}
