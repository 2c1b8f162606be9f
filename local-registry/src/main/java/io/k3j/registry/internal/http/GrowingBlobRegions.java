package io.k3j.registry.internal.http;

import io.k3j.registry.internal.store.BlobContent;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FileRegion;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Streams a byte range of a blob that an upstream fetch may still be writing, without copying it
 * through the JVM: each step yields one {@link BlobRegion} over everything written since the last
 * one (sent with {@code sendfile}), and pauses (returns null) until the fetch reports progress.
 * Plain HTTP only; TLS needs the bytes, see {@link GrowingBlobInput}.
 */
final class GrowingBlobRegions implements ChunkedInput<FileRegion> {
  private final BlobContent blob;
  private final long end;
  private FileChannel channel;
  private long position;

  GrowingBlobRegions(BlobContent blob, long start, long endExclusive) {
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
  public FileRegion readChunk(ChannelHandlerContext ctx) throws IOException {
    return readChunk(ctx.alloc());
  }

  @Override
  public FileRegion readChunk(ByteBufAllocator allocator) throws IOException {
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
    FileRegion region = new BlobRegion(channel, position, available - position);
    position = available;
    return region;
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
