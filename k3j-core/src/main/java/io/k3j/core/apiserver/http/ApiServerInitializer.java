package io.k3j.core.apiserver.http;

import io.k3j.core.apiserver.ApiHandlers;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * Builds the pipeline: TLS, then HTTP/2 or HTTP/1.1 as ALPN decides, then one {@link
 * ApiChannelHandler} per connection (HTTP/1.1) or stream (HTTP/2). The whole pipeline runs on the
 * event loop; the handler hands each complete request to the worker group (handlers call the
 * datastore) and writes its answer back in one task.
 */
final class ApiServerInitializer extends ChannelInitializer<SocketChannel> {
  /** Upstream's limit for a request body, 3 MiB; the aggregator answers 413 above it. */
  static final int MAX_BODY = 3 * 1024 * 1024;

  private final SslContext ssl;
  private final ApiHandlers handlers;
  private final EventExecutorGroup workers;

  ApiServerInitializer(SslContext ssl, ApiHandlers handlers, EventExecutorGroup workers) {
    this.ssl = ssl;
    this.handlers = handlers;
    this.workers = workers;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channel.pipeline().addLast(ssl.newHandler(channel.alloc()));
    channel.pipeline().addLast(new Negotiation());
  }

  private final class Negotiation extends ApplicationProtocolNegotiationHandler {
    Negotiation() {
      super(ApplicationProtocolNames.HTTP_1_1);
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
      ChannelPipeline pipeline = ctx.pipeline();
      if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
        pipeline.addLast(Http2FrameCodecBuilder.forServer().build());
        pipeline.addLast(
            new Http2MultiplexHandler(
                new ChannelInitializer<Http2StreamChannel>() {
                  @Override
                  protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                    stream.pipeline().addLast(new BodyLimit(MAX_BODY));
                    stream.pipeline().addLast(new ApiChannelHandler(handlers, workers));
                  }
                }));
        return;
      }
      pipeline.addLast(new HttpServerCodec());
      pipeline.addLast(new HttpServerKeepAliveHandler());
      pipeline.addLast(new BodyLimit(MAX_BODY));
      pipeline.addLast(new ApiChannelHandler(handlers, workers));
    }
  }
}
