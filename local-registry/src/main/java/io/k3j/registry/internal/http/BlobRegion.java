package io.k3j.registry.internal.http;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A byte range of an open blob file sent with {@code sendfile} (no copy through the JVM). Unlike
 * Netty's {@code DefaultFileRegion} it does not own the channel: the regions of one response share
 * the channel of their {@link GrowingBlobRegions}, which closes it.
 */
final class BlobRegion extends AbstractReferenceCounted implements FileRegion {
  private final FileChannel file;
  private final long position;
  private final long count;
  private long transferred;

  BlobRegion(FileChannel file, long position, long count) {
    this.file = file;
    this.position = position;
    this.count = count;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long transferred() {
    return transferred;
  }

  @Override
  @Deprecated
  public long transfered() {
    return transferred;
  }

  @Override
  public long transferTo(WritableByteChannel target, long offset) throws IOException {
    long remaining = count - offset;
    if (remaining <= 0) {
      return 0;
    }
    long written = file.transferTo(position + offset, remaining, target);
    if (written > 0) {
      transferred += written;
    } else if (written == 0 && file.size() < position + count) {
      throw new IOException("blob file shorter than " + (position + count) + " bytes");
    }
    return written;
  }

  @Override
  protected void deallocate() {
    // the channel belongs to the response's input
  }

  @Override
  public BlobRegion retain() {
    super.retain();
    return this;
  }

  @Override
  public BlobRegion retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public BlobRegion touch() {
    return this;
  }

  @Override
  public BlobRegion touch(Object hint) {
    return this;
  }
}
