package io.k3j.telemetry.internal.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes large payloads into a cycle's {@link PayloadFiles payload file} with positioned {@code
 * pwrite}s, never through a memory mapping. Such pages get no writable page-table entry in this
 * process, which matters at every {@code fdatasync}: write-back has to write-protect each dirty
 * page that is mapped writable ({@code folio_mkclean}), one TLB shoot-down per 4 KiB page, and in a
 * virtual machine each shoot-down is an inter-processor call that made the sync thread's system
 * time the largest cost of durable ingest. A page only written with {@code pwrite} is cleaned
 * without one, and is not in the resident set either.
 *
 * <p>Used under the queue's append lock only: the one bounce buffer is not thread-safe.
 */
final class PayloadWriter implements AutoCloseable {
  private static final int BOUNCE_BYTES = 256 * 1024;
  private final ByteBuffer bounce = ByteBuffer.allocateDirect(BOUNCE_BYTES);
  private final OpenFile open = new OpenFile(StandardOpenOption.CREATE, StandardOpenOption.WRITE);

  /** Writes {@code payload} at {@code offset} of {@code file}, all of it or an exception. */
  void write(Path file, long offset, byte[] payload) throws IOException {
    FileChannel out = open.channel(file);
    int done = 0;
    while (done < payload.length) {
      int n = Math.min(bounce.capacity(), payload.length - done);
      bounce.clear();
      bounce.put(payload, done, n).flip();
      while (bounce.hasRemaining()) {
        out.write(bounce, offset + done + bounce.position());
      }
      done += n;
    }
  }

  @Override
  public void close() throws IOException {
    open.close();
  }
}
