package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;

/** Collects a small body (a manifest) in memory, refusing more than {@code limit} bytes. */
public final class BufferedBody implements BodySink {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final int limit;

  public BufferedBody(int limit) {
    this.limit = limit;
  }

  @Override
  public void accept(ByteBuf content) throws java.io.IOException {
    if (bytes.size() + content.readableBytes() > limit) {
      throw new OciException(
          ErrorCode.MANIFEST_TOO_LARGE, "manifest exceeds the limit of " + limit + " bytes");
    }
    content.getBytes(content.readerIndex(), bytes, content.readableBytes());
  }

  public byte[] bytes() {
    return bytes.toByteArray();
  }
}
