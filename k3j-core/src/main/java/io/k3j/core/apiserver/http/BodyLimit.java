package io.k3j.core.apiserver.http;

import io.k3j.core.apiserver.ApiException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Aggregates request bodies up to the limit; above it answers 413 as a {@code Status}. */
final class BodyLimit extends HttpObjectAggregator {
  private final int maxBytes;

  BodyLimit(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    ApiChannelHandler.sendError(
        ctx,
        new ApiException(
            413,
            "RequestEntityTooLarge",
            "Request entity too large: limit is " + maxBytes + " bytes"),
        true);
    // The aggregator now reads and drops the rest of the body, so an HTTP/2 client whose flow
    // control window depends on it finishes sending and reads the answer.
    ctx.channel().config().setAutoRead(true);
  }
}
