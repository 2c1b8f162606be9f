package io.k3j.registry.internal.http;

import io.k3j.registry.internal.store.BlobContent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A {@link GrowingBlob} read into buffers of at most 64 KiB: for TLS, which has to encrypt the
 * bytes.
 */
final class GrowingBlobInput extends GrowingBlob<ByteBuf> {
  private static final int CHUNK = 64 * 1024;

  GrowingBlobInput(BlobContent blob, long start, long endExclusive) {
    super(blob, start, endExclusive);
  }

  @Override
  ByteBuf chunk(FileChannel channel, long position, long available, ByteBufAllocator allocator)
      throws IOException {
    int length = (int) Math.min(CHUNK, available - position);
    ByteBuf buffer = allocator.buffer(length);
    boolean done = false;
    try {
      int read = 0;
      while (read < length) {
        int n = buffer.writeBytes(channel, position + read, length - read);
        if (n < 0) {
          throw new IOException("blob file shorter than reported");
        }
        read += n;
      }
      done = true;
      return buffer;
    } finally {
      if (!done) {
        buffer.release();
      }
    }
  }

  @Override
  long length(ByteBuf chunk) {
    return chunk.readableBytes();
  }
}
