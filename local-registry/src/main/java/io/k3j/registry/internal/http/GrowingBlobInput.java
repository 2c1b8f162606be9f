package io.k3j.registry.internal.http;

import io.k3j.registry.internal.store.BlobContent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Streams a byte range of a blob that may still be being written by an upstream fetch: it yields
 * what is on disk and pauses (returns null) until the fetch reports progress.
 */
final class GrowingBlobInput implements ChunkedInput<ByteBuf> {
  private static final int CHUNK = 64 * 1024;

  private final BlobContent blob;
  private final long end;
  private FileChannel channel;
  private long position;

  GrowingBlobInput(BlobContent blob, long start, long endExclusive) {
    this.blob = blob;
    this.position = start;
    this.end = endExclusive;
  }

  @Override
  public boolean isEndOfInput() {
    return position >= end;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  @Deprecated
  public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
    return readChunk(ctx.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
    if (blob.failed()) {
      throw new IOException("upstream fetch of " + blob.digest() + " failed");
    }
    long available = Math.min(blob.available(), end);
    if (position >= available) {
      return null;
    }
    if (channel == null) {
      channel = blob.open();
    }
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
      position += read;
      done = true;
      return buffer;
    } finally {
      if (!done) {
        buffer.release();
      }
    }
  }

  @Override
  public long length() {
    return end;
  }

  @Override
  public long progress() {
    return position;
  }
}
