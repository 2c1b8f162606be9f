package io.k3j.registry.internal.http;

import io.k3j.registry.internal.store.BlobContent;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.FileRegion;
import java.nio.channels.FileChannel;

/**
 * A {@link GrowingBlob} sent without copying it through the JVM: each step yields one {@link
 * BlobRegion} over everything written since the last one, sent with {@code sendfile}. Plain HTTP
 * only; TLS needs the bytes, see {@link GrowingBlobInput}.
 */
final class GrowingBlobRegions extends GrowingBlob<FileRegion> {
  GrowingBlobRegions(BlobContent blob, long start, long endExclusive) {
    super(blob, start, endExclusive);
  }

  @Override
  FileRegion chunk(FileChannel channel, long position, long available, ByteBufAllocator allocator) {
    return new BlobRegion(channel, position, available - position);
  }

  @Override
  long length(FileRegion chunk) {
    return chunk.count();
  }
}
