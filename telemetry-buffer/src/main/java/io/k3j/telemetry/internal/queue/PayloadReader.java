package io.k3j.telemetry.internal.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a record's payload with positioned {@code pread}s into one reused direct buffer, the
 * read-side twin of {@link PayloadWriter}: from the cycle's {@link PayloadFiles payload file}, or,
 * for a record an earlier version wrote inline, from its place in the Chronicle cycle file instead
 * of through Chronicle's memory mapping. The bytes come from the same page cache, but no page of
 * the payload is mapped into this process, so a drain of a large backlog does not add the queue
 * files' pages to the resident set (mapped file pages count in RSS for as long as the chunk stays
 * mapped).
 *
 * <p>Used by one thread only (a cursor's): the bounce buffer is not thread-safe.
 */
final class PayloadReader implements AutoCloseable {
  private static final int BOUNCE_BYTES = 256 * 1024;
  private ByteBuffer bounce;
  private final OpenFile open = new OpenFile(StandardOpenOption.READ);

  /**
   * Reads {@code length} bytes at {@code offset} of {@code file}; {@code null} when the file is
   * missing or ends before (a payload lost to power loss: its record is torn).
   */
  byte[] read(Path file, long offset, int length) throws IOException {
    byte[] payload = new byte[length];
    return readInto(file, offset, length, payload, 0) ? payload : null;
  }

  /**
   * Reads {@code length} bytes at {@code offset} of {@code file} into {@code dest} from {@code
   * destOffset} on; {@code false} when the file is missing or ends before.
   */
  boolean readInto(Path file, long offset, int length, byte[] dest, int destOffset)
      throws IOException {
    FileChannel in;
    try {
      in = open.channel(file);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (bounce == null) {
      bounce = ByteBuffer.allocateDirect(BOUNCE_BYTES);
    }
    int done = 0;
    while (done < length) {
      bounce.clear().limit(Math.min(bounce.capacity(), length - done));
      while (bounce.hasRemaining()) {
        if (in.read(bounce, offset + done + bounce.position()) < 0) {
          return false;
        }
      }
      bounce.flip();
      int n = bounce.remaining();
      bounce.get(dest, destOffset + done, n);
      done += n;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    open.close();
  }
}
