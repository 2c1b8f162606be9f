package io.k3j.registry.internal.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.LongConsumer;

/**
 * The body of an upstream blob response, read once by the fetch thread: either from a socket of our
 * own ({@link SocketBlobGet}, plain HTTP) or from the JDK HTTP client's buffers ({@link
 * UpstreamBody}, TLS).
 */
interface BlobBody {
  /**
   * Writes the whole body to {@code out} and hands the same bytes to {@code hash}; {@code written}
   * hears the byte count of every write once it is in the file.
   *
   * @throws IOException if the body ends early, the connection fails or {@link #abort} was called
   */
  void copyTo(FileChannel out, PipelinedDigest hash, LongConsumer written)
      throws IOException, InterruptedException;

  /** Stops a body being copied (a stalled upstream): {@link #copyTo} fails. */
  void abort();

  /** Drops a body that will not be read; its connection is closed, not reused. */
  void discard();

  /**
   * Writes all of {@code buffers} to {@code out} in gathering writes; returns the bytes written.
   */
  static long writeAll(FileChannel out, ByteBuffer[] buffers) throws IOException {
    long n = 0;
    while (buffers[buffers.length - 1].hasRemaining()) {
      n += out.write(buffers);
    }
    return n;
  }
}
