package io.k3j.registry.internal.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty server of the registry; blocking work (disk, SQLite, upstream) runs off the I/O loop.
 */
public final class RegistryServer implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
  private final EventExecutorGroup blocking = new DefaultEventExecutorGroup(32);
  private final Channel channel;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  public RegistryServer(String host, int port, Endpoints endpoints, SslContext tls)
      throws InterruptedException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new RegistryInitializer(endpoints, blocking, tls, connections));
    Channel bound;
    try {
      bound = bootstrap.bind(host, port).sync().channel();
    } catch (RuntimeException | InterruptedException e) {
      blocking.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
    this.channel = bound;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    // Connections are torn down across both executors, so both stay up (with a short quiet
    // period) until the last pipeline is destroyed.
    channel.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    var io = group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS);
    var work = blocking.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS);
    io.syncUninterruptibly();
    work.syncUninterruptibly();
  }
}
