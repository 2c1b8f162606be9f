package io.k3j.telemetry.internal.http;

import io.k3j.telemetry.internal.otlp.OtlpError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Aggregates the body up to {@code maxBodyBytes}; over it the sender gets 413 with a
 * google.rpc.Status body and the connection is closed. The request limit itself holds after
 * decompression (OTLP spec 1.11, "Request size limits"): bodies in other encodings arrive here
 * decompressed, so this also stops a bomb mid-stream; a gzip body arrives compressed, with a little
 * room above the limit, and {@link GzipBody} stops inflating past the limit.
 */
final class LimitedAggregator extends HttpObjectAggregator {
  private final int maxBytes;

  /**
   * @param maxBodyBytes what is aggregated
   * @param maxBytes the request limit named in the 413
   */
  LimitedAggregator(int maxBodyBytes, int maxBytes) {
    super(maxBodyBytes, true);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    BodyFormat format = BodyFormat.forErrors(oversized.headers().get(HttpHeaderNames.CONTENT_TYPE));
    HttpResponses.sendError(ctx, false, OtlpError.tooLarge(maxBytes), format);
  }
}
