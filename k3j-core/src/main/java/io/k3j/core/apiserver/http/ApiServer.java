package io.k3j.core.apiserver.http;

import io.k3j.core.apiserver.ApiHandlers;
import io.k3j.core.security.ClusterSecurity;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTPS listener of the Kubernetes API (HTTP/2 and HTTP/1.1). */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final EventExecutorGroup workers;
  private final Channel channel;

  private ApiServer(
      EventLoopGroup boss, EventLoopGroup io, EventExecutorGroup workers, Channel channel) {
    this.boss = boss;
    this.io = io;
    this.workers = workers;
    this.channel = channel;
  }

  /** Binds {@code address} (port 0 picks a free port) and serves until closed. */
  public static ApiServer start(
      InetSocketAddress address, ClusterSecurity security, ApiHandlers handlers)
      throws SSLException, InterruptedException {
    int cores = Runtime.getRuntime().availableProcessors();
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    // TLS and HTTP/2 framing only: one loop per core (Netty's default is two).
    EventLoopGroup io = new MultiThreadIoEventLoopGroup(cores, NioIoHandler.newFactory());
    // Handlers block on datastore commits (group commit): up to enough workers that many
    // concurrent writers share each commit instead of queueing behind a few threads, started only
    // as the requests in flight need them.
    WorkerGroup workers = new WorkerGroup(Math.max(64, cores * 16));
    try {
      Channel channel =
          new ServerBootstrap()
              .group(boss, io)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childHandler(
                  new ApiServerInitializer(TlsContexts.server(security), handlers, workers))
              .bind(address)
              .sync()
              .channel();
      InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
      log.info("API server listening on https://{}:{}", bound.getHostString(), bound.getPort());
      return new ApiServer(boss, io, workers, channel);
    } catch (SSLException | InterruptedException | RuntimeException e) {
      boss.shutdownGracefully();
      io.shutdownGracefully();
      workers.shutdownGracefully();
      throw e;
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    // Handlers run on the workers and write through the I/O loops: stop them first.
    workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    io.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
