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
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each HTTP request into an {@link ApiRequest}, runs it on a worker, and writes the {@link
 * Reply}.
 *
 * <p>This handler sits on the connection's (HTTP/1.1) or stream's (HTTP/2) event loop, after the
 * aggregator, so the request's frames, reads and flushes never leave the loop. Only the complete
 * request goes to a worker (handlers wait on datastore commits), once, and the whole response comes
 * back to the loop in one task that writes and flushes it. HTTP/1.1 answers in request order: a
 * request that arrives while an earlier one of the same connection is still running waits for its
 * answer.
 */
final class ApiChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(ApiChannelHandler.class);

  private final ApiHandlers handlers;
  private final EventExecutorGroup workers;
  // Touched on the event loop only.
  private final ArrayDeque<Call> waiting = new ArrayDeque<>();
  private boolean running;

  ApiChannelHandler(ApiHandlers handlers, EventExecutorGroup workers) {
    this.handlers = handlers;
    this.workers = workers;
  }

  /**
   * One decoded request: either {@code request} for the handlers, or an answer known without them
   * ({@code ready}: 401, the WebSocket decline). {@code method} and {@code uri} name it in the log.
   */
  private record Call(
      ApiRequest request, Reply.Full ready, boolean keepAlive, HttpMethod method, String uri) {}

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    Call call = decode(ctx, request);
    if (running) {
      waiting.add(call);
    } else {
      start(ctx, call);
    }
  }

  private Call decode(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (request.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
      return new Call(null, declineWebSocket(), keepAlive, request.method(), request.uri());
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    Route route = Router.route(uri.path());
    ApiRequest.User user = Authenticator.authenticate(ctx.channel());
    boolean bearer = request.headers().contains(HttpHeaderNames.AUTHORIZATION);
    if (user == null && !bearer && !ApiHandlers.isPublic(route)) {
      return new Call(
          null,
          Reply.error(new ApiException(401, "Unauthorized", "Unauthorized")),
          keepAlive,
          request.method(),
          request.uri());
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
    return new Call(apiRequest, null, keepAlive, request.method(), request.uri());
  }

  /** On the event loop: answers {@code call} now, or hands it to a worker. */
  private void start(ChannelHandlerContext ctx, Call call) {
    running = true;
    if (call.ready() != null) {
      finish(ctx, call, call.ready());
      return;
    }
    workers.next().execute(() -> run(ctx, call));
  }

  /** On a worker: runs the handler; a full reply goes back to the loop in one task. */
  private void run(ChannelHandlerContext ctx, Call call) {
    Reply reply;
    try {
      reply = handlers.handle(call.request());
    } catch (RuntimeException e) {
      log.error("request {} {} failed", call.method(), call.uri(), e);
      reply =
          Reply.error(
              new ApiException(500, "InternalError", "Internal error occurred: " + e.getMessage()));
    }
    if (reply instanceof Reply.Full full) {
      ctx.executor().execute(() -> finish(ctx, call, full));
    } else {
      // Opening a watch reads the datastore: it stays on the worker. The connection (or stream)
      // belongs to the watch until it ends; a kept-alive HTTP/1.1 connection then goes on with
      // the next request.
      stream(ctx, (Reply.Stream) reply, () -> afterStream(ctx));
    }
  }

  /** On the event loop: writes the answer, then starts the next waiting request. */
  private void finish(ChannelHandlerContext ctx, Call call, Reply.Full reply) {
    send(ctx, reply, call.keepAlive());
    next(ctx);
  }

  /** From the thread that ended a watch (the server's own shutdown included). */
  private void afterStream(ChannelHandlerContext ctx) {
    if (!ctx.executor().isShuttingDown()) {
      ctx.executor().execute(() -> next(ctx));
    }
  }

  /** On the event loop: the current request is answered; starts the next waiting one. */
  private void next(ChannelHandlerContext ctx) {
    running = false;
    Call next = waiting.poll();
    if (next != null) {
      start(ctx, next);
    }
  }

  /**
   * Watches are served as chunked HTTP streams only. fabric8 tries a WebSocket first and falls back
   * to a streaming watch when the handshake is answered with 200, so that is the answer.
   */
  private static Reply.Full declineWebSocket() {
    ObjectNode status = Status.success();
    status.put(
        "message", "WebSocket watches are not served; use an HTTP streaming watch (?watch=true)");
    status.put("code", 200);
    return Reply.json(200, status);
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

  private static void stream(ChannelHandlerContext ctx, Reply.Stream reply, Runnable ended) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    ctx.writeAndFlush(head);
    ChannelSink sink = new ChannelSink(ctx.channel(), ended);
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
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();

    /**
     * @param onEnd runs once the last chunk is written
     */
    ChannelSink(Channel channel, Runnable onEnd) {
      this.channel = channel;
      this.onEnd = onEnd;
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
        onEnd.run();
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
