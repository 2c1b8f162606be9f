package io.k3j.telemetry.internal.net;

import io.k3j.telemetry.ListenAddress;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the buffer's listening sockets (the OTLP/HTTP and OTLP/gRPC receivers): its own event
 * loops, named after it, and the pipeline {@code initializer} builds for every connection.
 */
public final class Listener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

  private final EventLoopGroup group;
  private final Channel channel;

  private Listener(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /**
   * Binds {@code listen}; logs {@code "<description> listening on <address>"}.
   *
   * @param threadName prefix of the event-loop threads' names
   */
  public static Listener start(
      String description,
      String threadName,
      ListenAddress listen,
      ChannelInitializer<SocketChannel> initializer)
      throws InterruptedException {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            0, new DefaultThreadFactory(threadName, true), NioIoHandler.newFactory());
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(initializer)
              .bind(listen.host(), listen.port())
              .sync()
              .channel();
      LOG.info("{} listening on {}", description, channel.localAddress());
      return new Listener(group, channel);
    } catch (Exception e) { // also a BindException, which Netty throws undeclared
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
