package io.k3j.telemetry.internal.grpc;

import io.k3j.telemetry.ListenAddress;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/gRPC receiver (default port 4317): unary Export calls over cleartext HTTP/2, served by
 * the same Netty as the OTLP/HTTP receiver and stored through the same validation, so the buffer
 * loads no gRPC library to receive (docs/adr/0006).
 */
public final class OtlpGrpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcServer.class);

  private final EventLoopGroup group;
  private final Channel channel;

  private OtlpGrpcServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  public static OtlpGrpcServer start(ListenAddress listen, int maxRequestBytes, Ingestor ingestor)
      throws InterruptedException {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            0, new DefaultThreadFactory("otlp-grpc", true), NioIoHandler.newFactory());
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(new OtlpGrpcInitializer(ingestor, maxRequestBytes))
              .bind(listen.host(), listen.port())
              .sync()
              .channel();
      LOG.info("OTLP/gRPC receiver listening on {}", channel.localAddress());
      return new OtlpGrpcServer(group, channel);
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
