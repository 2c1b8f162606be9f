package io.k3j.registry.internal.http;

import io.k3j.registry.internal.store.BlobContent;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Streams a byte range of a blob that an upstream fetch may still be writing: each step yields a
 * chunk of what is on disk past the last one, and pauses (returns null) until the fetch reports
 * progress. Subclasses decide what a chunk is: a region sent with {@code sendfile} ({@link
 * GrowingBlobRegions}) or bytes read into a buffer ({@link GrowingBlobInput}, for TLS).
 */
abstract class GrowingBlob<T> implements ChunkedInput<T> {
  private final BlobContent blob;
  private final long end;
  private FileChannel channel;
  private long position;

  GrowingBlob(BlobContent blob, long start, long endExclusive) {
    this.blob = blob;
    this.position = start;
    this.end = endExclusive;
  }

  /** A chunk of the bytes from {@code position} to {@code available} (at least one byte). */
  abstract T chunk(FileChannel channel, long position, long available, ByteBufAllocator allocator)
      throws IOException;

  /** Bytes a chunk returned by {@link #chunk} covers. */
  abstract long length(T chunk);

  @Override
  public final boolean isEndOfInput() {
    return position >= end;
  }

  @Override
  public final void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  @Deprecated
  public final T readChunk(ChannelHandlerContext ctx) throws IOException {
    return readChunk(ctx.alloc());
  }

  @Override
  public final T readChunk(ByteBufAllocator allocator) throws IOException {
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
    T chunk = chunk(channel, position, available, allocator);
    position += length(chunk);
    return chunk;
  }

  @Override
  public final long length() {
    return end;
  }

  @Override
  public final long progress() {
    return position;
  }
}
