package io.k3j.telemetry.internal.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpServerCodec;

/** Builds the OTLP/HTTP pipeline: codec, gunzip, size-limited aggregation, routing handler. */
final class OtlpHttpInitializer extends ChannelInitializer<SocketChannel> {
  private final int maxRequestBytes;
  private final ExportEndpoint export;
  private final PrometheusMeterRegistry prometheus;

  OtlpHttpInitializer(
      int maxRequestBytes, ExportEndpoint export, PrometheusMeterRegistry prometheus) {
    this.maxRequestBytes = maxRequestBytes;
    this.export = export;
    this.prometheus = prometheus;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channel
        .pipeline()
        .addLast("codec", new HttpServerCodec())
        .addLast("gunzip", new HttpContentDecompressor(false, 0))
        .addLast("aggregate", new LimitedAggregator(maxRequestBytes))
        .addLast("otlp", new OtlpHttpHandler(export, prometheus));
  }
}
