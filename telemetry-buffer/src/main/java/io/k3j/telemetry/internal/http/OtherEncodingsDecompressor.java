package io.k3j.telemetry.internal.http;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;

/**
 * Netty's content decompressor for every encoding but gzip, which it passes through with its
 * Content-Encoding header: the common case, gzip, is inflated in one pass by {@link GzipBody} after
 * aggregation.
 */
final class OtherEncodingsDecompressor extends HttpContentDecompressor {
  OtherEncodingsDecompressor() {
    super(false, 0);
  }

  @Override
  protected EmbeddedChannel newContentDecoder(String contentEncoding) throws Exception {
    return GzipBody.isGzip(contentEncoding) ? null : super.newContentDecoder(contentEncoding);
  }
}
