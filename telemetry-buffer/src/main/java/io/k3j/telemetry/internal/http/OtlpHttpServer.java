package io.k3j.telemetry.internal.http;

import io.k3j.telemetry.ListenAddress;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

/** The OTLP/HTTP receiver (default port 4318) with {@code /healthz} and {@code /metrics}. */
public final class OtlpHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpServer.class);

  private final EventLoopGroup group;
  private final Channel channel;

  private OtlpHttpServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  public static OtlpHttpServer start(
      ListenAddress listen,
      int maxRequestBytes,
      Ingestor ingestor,
      PrometheusMeterRegistry prometheus)
      throws InterruptedException {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            0, new DefaultThreadFactory("otlp-http", true), NioIoHandler.newFactory());
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new OtlpHttpInitializer(
                      maxRequestBytes, new ExportEndpoint(ingestor, maxRequestBytes), prometheus))
              .bind(listen.host(), listen.port())
              .sync()
              .channel();
      OtlpHttpServer server = new OtlpHttpServer(group, channel);
      LOG.info("OTLP/HTTP receiver listening on {}", channel.localAddress());
      return server;
    } catch (InterruptedException | RuntimeException e) {
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
