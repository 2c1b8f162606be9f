package io.k3j.benchmarks.telemetry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * The disk's own limit for durable appends: sequential writes of {@link #BLOCK_BYTES} each followed
 * by fdatasync ({@code FileChannel.force(false)}), to a new file in the benchmark directory.
 */
final class DiskBandwidth {
  static final int BLOCK_BYTES = 4 << 20;

  private DiskBandwidth() {}

  /** Bytes per second. */
  static double measure(Path dir, int mebibytes) throws IOException {
    Path file = Files.createTempFile(dir, "k3j-bench-disk-", ".bin");
    byte[] block = new byte[BLOCK_BYTES];
    new Random(1).nextBytes(block); // incompressible, in case the file system compresses
    long total = (long) mebibytes << 20;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      long started = System.nanoTime();
      for (long written = 0; written < total; written += BLOCK_BYTES) {
        ByteBuffer buffer = ByteBuffer.wrap(block);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      }
      return total / ((System.nanoTime() - started) / 1e9);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
