package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams each request to its endpoint: the head picks the route and the body sink, content is
 * written to the sink as it arrives, and the last content triggers the response. Every failure goes
 * through {@link Responses#sendError}. Runs on a blocking-friendly executor, not the event loop.
 */
public final class RegistryHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHandler.class);

  private final Endpoints endpoints;
  private Exchange current;
  private Endpoint endpoint;
  private OciException failure;

  public RegistryHandler(Endpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        start(ctx, request);
      }
      if (msg instanceof HttpContent content && current != null) {
        if (failure == null) {
          failure = attempt(() -> current.body().accept(content.content()));
        }
        if (msg instanceof LastHttpContent) {
          finish();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void start(ChannelHandlerContext ctx, HttpRequest request) {
    failure = null;
    Route route = routeOf(request);
    endpoint = endpoints.forKind(route.kind());
    String[] repository = {null};
    if (failure == null) {
      failure =
          attempt(
              () ->
                  repository[0] = endpoints.context().repository(route.name(), route.param("ns")));
    }
    current = new Exchange(ctx, request, route, repository[0]);
    if (failure == null) {
      failure = attempt(() -> endpoint.begin(current));
    }
  }

  /** The request's route; a request that cannot be parsed or decoded gets a 400. */
  private Route routeOf(HttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      failure = new OciException(ErrorCode.NAME_INVALID, "malformed HTTP request");
      return Route.notFound();
    }
    try {
      return Router.route(request.uri());
    } catch (IllegalArgumentException e) {
      failure =
          new OciException(ErrorCode.NAME_INVALID, "malformed request URI: " + e.getMessage());
      return Route.notFound();
    }
  }

  private void finish() {
    Exchange ex = current;
    if (failure == null) {
      failure = attempt(() -> endpoint.complete(ex));
    }
    current = null;
    if (failure != null) {
      Responses.sendError(ex, failure);
      failure = null;
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private OciException attempt(Step step) {
    try {
      step.run();
      return null;
    } catch (OciException e) {
      return e;
    } catch (Exception e) {
      LOG.warn(
          "request {} {} failed: {}",
          current == null ? "" : current.method(),
          current == null ? "" : current.request().uri(),
          e.toString());
      return new OciException(ErrorCode.UNKNOWN, "internal error: " + e.getMessage());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug(
        "connection {} closed after error: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
