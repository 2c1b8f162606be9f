package io.k3j.telemetry.internal.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * Builds the OTLP/HTTP pipeline: codec, decompression of encodings other than gzip, size-limited
 * aggregation, routing handler. A gzip body is aggregated compressed, up to the largest size whose
 * content can still be within the limit, and inflated by the export endpoint.
 */
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
        .addLast("decompress", new OtherEncodingsDecompressor())
        .addLast(
            "aggregate",
            new LimitedAggregator(GzipBody.maxCompressedBytes(maxRequestBytes), maxRequestBytes))
        .addLast("otlp", new OtlpHttpHandler(export, prometheus));
  }
}
