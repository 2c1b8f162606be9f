package io.k3j.telemetry.internal.grpc;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: the HTTP/2 codec has already answered a protocol error (GOAWAY)
 * when its exception arrives here, as has a reset by the peer, so the connection is closed without
 * the warning Netty logs for exceptions nobody handled. A client sending bytes that are no HTTP/2
 * is the client's problem, not the receiver's.
 */
@ChannelHandler.Sharable
final class ConnectionErrors extends ChannelInboundHandlerAdapter {
  static final ConnectionErrors INSTANCE = new ConnectionErrors();

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrors.class);

  private ConnectionErrors() {}

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug(
        "closing OTLP/gRPC connection from {}: {}",
        ctx.channel().remoteAddress(),
        cause.toString());
    ctx.close();
  }
}
