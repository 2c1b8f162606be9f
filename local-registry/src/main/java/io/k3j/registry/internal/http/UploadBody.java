package io.k3j.registry.internal.http;

import io.k3j.registry.internal.store.UploadSession;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Appends a request body to an upload session as it arrives (nothing is buffered in memory). */
final class UploadBody implements BodySink {
  private final UploadSession session;

  UploadBody(UploadSession session) {
    this.session = session;
  }

  @Override
  public void accept(ByteBuf content) throws IOException {
    if (!content.isReadable()) {
      return;
    }
    for (ByteBuffer buffer : content.nioBuffers()) {
      session.append(buffer);
    }
  }
}
