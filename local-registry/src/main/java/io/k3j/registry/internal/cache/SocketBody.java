package io.k3j.registry.internal.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;

/**
 * A blob body read from our own plain-HTTP connection: large reads into direct buffers that go to
 * the file without passing through the heap, and to the hashing thread as they are; a buffer is
 * read into again only once it is hashed. The direct buffers are kept for the next fetch.
 */
final class SocketBody implements BlobBody {
  /** Bytes one read may take from the socket. */
  static final int BUFFER_BYTES = 1 << 20;

  /** Buffers one fetch reads into: the hash may lag the file by all but one of them. */
  static final int BUFFERS = 4;

  /** Direct buffers kept between fetches (4 concurrent fetches' worth). */
  private static final int POOLED = 16;

  private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();

  private final SocketChannel channel;
  private final ByteBuffer leftover;
  private final BodyFraming framing;
  private boolean copying;

  /**
   * @param leftover body bytes read with the response head
   */
  SocketBody(SocketChannel channel, ByteBuffer leftover, BodyFraming framing) {
    this.channel = channel;
    this.leftover = leftover;
    this.framing = framing;
  }

  @Override
  public void copyTo(FileChannel out, PipelinedDigest hash, LongConsumer written)
      throws IOException, InterruptedException {
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    List<ByteBuffer> mine = new ArrayList<>(BUFFERS);
    synchronized (this) {
      copying = true;
    }
    try (channel) {
      long body = write(leftover, null, out, hash, written);
      while (!framing.ended()) {
        ByteBuffer buffer = free.poll();
        if (buffer == null && mine.size() < BUFFERS) {
          buffer = pooled();
          mine.add(buffer);
        } else if (buffer == null) {
          buffer = free.take();
        }
        buffer.clear();
        if (channel.read(buffer) < 0) {
          framing.closed(body);
          break;
        }
        buffer.flip();
        ByteBuffer reused = buffer;
        body += write(buffer, () -> hashed(reused, free), out, hash, written);
      }
    } finally {
      synchronized (this) {
        copying = false;
        for (ByteBuffer buffer = free.poll(); buffer != null; buffer = free.poll()) {
          recycle(buffer);
        }
      }
    }
  }

  /** A buffer is hashed: read into it again, or keep it for the next fetch once this one ended. */
  private synchronized void hashed(ByteBuffer buffer, BlockingQueue<ByteBuffer> free) {
    if (copying) {
      free.add(buffer);
    } else {
      recycle(buffer);
    }
  }

  private static void recycle(ByteBuffer buffer) {
    if (POOL.size() < POOLED) {
      POOL.add(buffer);
    }
  }

  /**
   * Writes and hashes the body bytes among {@code in}; {@code hashed} (unless null) runs once all
   * of them are hashed.
   */
  private long write(
      ByteBuffer in, Runnable hashed, FileChannel out, PipelinedDigest hash, LongConsumer written)
      throws IOException, InterruptedException {
    List<ByteBuffer> data = new ArrayList<>(2);
    framing.body(in, data);
    if (data.isEmpty()) {
      if (hashed != null) {
        hashed.run();
      }
      return 0;
    }
    for (int i = 0; i < data.size(); i++) {
      hash.hash(data.get(i), i == data.size() - 1 ? hashed : null);
    }
    long n = BlobBody.writeAll(out, data.toArray(ByteBuffer[]::new));
    written.accept(n);
    return n;
  }

  private static ByteBuffer pooled() {
    ByteBuffer buffer = POOL.poll();
    return buffer != null ? buffer : ByteBuffer.allocateDirect(BUFFER_BYTES);
  }

  @Override
  public void abort() {
    discard();
  }

  @Override
  public void discard() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a socket we no longer read
    }
  }
}
