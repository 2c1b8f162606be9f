package io.k3j.telemetry.internal.http;

import io.k3j.telemetry.internal.otlp.OtlpError;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches each aggregated request by {@link HttpRoutes#route} to its endpoint. */
final class OtlpHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpHandler.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ExportEndpoint export;
  private final PrometheusMeterRegistry prometheus;

  OtlpHttpHandler(ExportEndpoint export, PrometheusMeterRegistry prometheus) {
    this.export = export;
    this.prometheus = prometheus;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    BodyFormat errorFormat =
        BodyFormat.forErrors(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
    if (!request.decoderResult().isSuccess()) {
      HttpResponses.sendError(ctx, false, OtlpError.invalid("malformed HTTP request"), errorFormat);
      return;
    }
    HttpRoute route = HttpRoutes.route(request.method(), request.uri());
    if (route instanceof HttpRoute.Export e) {
      export.handle(ctx, request, e.signal());
    } else if (route instanceof HttpRoute.Health) {
      HttpResponses.send(
          ctx, keepAlive, 200, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8));
    } else if (route instanceof HttpRoute.Metrics) {
      byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
      HttpResponses.send(ctx, keepAlive, 200, PROMETHEUS_TEXT, body);
    } else if (route instanceof HttpRoute.MethodNotAllowed n) {
      OtlpError error = OtlpError.methodNotAllowed(request.method().name());
      HttpResponses.sendError(ctx, keepAlive, error, errorFormat, n.allowed());
    } else {
      HttpResponses.sendError(ctx, keepAlive, OtlpError.notFound(request.uri()), errorFormat);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug(
        "closing OTLP/HTTP connection from {}: {}",
        ctx.channel().remoteAddress(),
        cause.toString());
    ctx.close();
  }
}
