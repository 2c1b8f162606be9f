package io.k3j.telemetry.internal.http;

import io.k3j.telemetry.internal.otlp.OtlpError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Aggregates the (already decompressed) body up to the request limit, so the limit holds after
 * gunzip (OTLP spec 1.11, "Request size limits"); over it the sender gets 413 with a
 * google.rpc.Status body and the connection is closed, which also stops a gzip bomb mid-stream.
 */
final class LimitedAggregator extends HttpObjectAggregator {
  private final int maxBytes;

  LimitedAggregator(int maxBytes) {
    super(maxBytes, true);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    BodyFormat format = BodyFormat.forErrors(oversized.headers().get(HttpHeaderNames.CONTENT_TYPE));
    HttpResponses.sendError(ctx, false, OtlpError.tooLarge(maxBytes), format);
  }
}
