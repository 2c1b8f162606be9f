package io.k3j.telemetry.internal.grpc;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;

/**
 * Opens the connection's flow-control window from HTTP/2's 64 KiB to {@link
 * OtlpGrpcInitializer#WINDOW_BYTES} once the connection is up (RFC 9113 section 6.9.2: only a
 * WINDOW_UPDATE on stream 0 changes it; SETTINGS_INITIAL_WINDOW_SIZE covers the streams). With 64
 * KiB a request of 100 KB waits a round trip for credit in the middle of its message.
 */
@ChannelHandler.Sharable
final class ConnectionWindow extends ChannelInboundHandlerAdapter {
  static final ConnectionWindow INSTANCE = new ConnectionWindow();

  private ConnectionWindow() {}

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    int increment = OtlpGrpcInitializer.WINDOW_BYTES - Http2CodecUtil.DEFAULT_WINDOW_SIZE;
    ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(increment));
    ctx.pipeline().remove(this);
    ctx.fireChannelActive();
  }
}
