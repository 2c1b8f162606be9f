package io.k3j.registry.internal.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * Builds the pipeline: optional TLS, HTTP/1.1 codec, 100-continue, chunked writes, then the
 * registry handler.
 */
public final class RegistryInitializer extends ChannelInitializer<SocketChannel> {
  private final Endpoints endpoints;
  private final EventExecutorGroup blockingGroup;

  private final SslContext tls;
  private final ChannelGroup connections;

  /** {@code tls} may be null for plain HTTP. */
  public RegistryInitializer(
      Endpoints endpoints,
      EventExecutorGroup blockingGroup,
      SslContext tls,
      ChannelGroup connections) {
    this.connections = connections;
    this.endpoints = endpoints;
    this.blockingGroup = blockingGroup;
    this.tls = tls;
  }

  /**
   * The registry handler runs on {@code blockingGroup} (disk, SQLite and upstream waits must not
   * stall the I/O loop) while keeping per-channel ordering; Netty 4.2 deprecates this overload but
   * it remains the simplest correct way to get both.
   */
  @Override
  @SuppressWarnings("deprecation")
  protected void initChannel(SocketChannel channel) {
    connections.add(channel);
    if (tls != null) {
      channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
    }
    channel
        .pipeline()
        .addLast("http", new HttpServerCodec())
        .addLast("continue", new HttpServerExpectContinueHandler())
        .addLast("chunked", new ChunkedWriteHandler())
        .addLast(blockingGroup, "registry", new RegistryHandler(endpoints));
  }
}
