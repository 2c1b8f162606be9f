package io.k3j.telemetry.internal.grpc;

import io.k3j.telemetry.internal.ingest.Ingestor;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Builds the OTLP/gRPC pipeline: HTTP/2 with prior knowledge (gRPC PROTOCOL-HTTP2.md; the port
 * speaks nothing else), then one {@link GrpcExportHandler} per stream, and {@link ConnectionErrors}
 * last. Stream channels hand flow control credit back as their frames are read, so a stream's
 * window stays open while its message is collected; the size limit, not the window, bounds what one
 * call holds.
 */
final class OtlpGrpcInitializer extends ChannelInitializer<SocketChannel> {
  /**
   * Calls in progress per connection, the least RFC 9113 section 6.5.2 recommends. Each holds up to
   * the size limit, so this also bounds one connection's memory.
   */
  static final int MAX_CONCURRENT_STREAMS = 100;

  /**
   * Flow-control window of each stream and of the connection, as grpc-java's server has it: a
   * request of up to 1 MiB is sent without waiting for WINDOW_UPDATE.
   */
  static final int WINDOW_BYTES = 1 << 20;

  private final Ingestor ingestor;
  private final int maxRequestBytes;

  OtlpGrpcInitializer(Ingestor ingestor, int maxRequestBytes) {
    this.ingestor = ingestor;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channel
        .pipeline()
        .addLast(
            "http2",
            Http2FrameCodecBuilder.forServer()
                .initialSettings(
                    Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .initialWindowSize(WINDOW_BYTES))
                .build())
        .addLast("window", ConnectionWindow.INSTANCE)
        .addLast(
            "calls",
            new Http2MultiplexHandler(
                new ChannelInitializer<Http2StreamChannel>() {
                  @Override
                  protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline().addLast(new GrpcExportHandler(ingestor, maxRequestBytes));
                  }
                }))
        .addLast("errors", ConnectionErrors.INSTANCE);
  }
}
