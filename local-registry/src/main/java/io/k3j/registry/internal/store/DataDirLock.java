package io.k3j.registry.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on the data directory: a second registry on the same files fails at start. */
final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  DataDirLock(Path dataDir) {
    try {
      channel =
          FileChannel.open(
              dataDir.resolve("registry.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      lock = tryLock(channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dataDir, e);
    }
    if (lock == null) {
      close();
      throw new IllegalStateException("data directory " + dataDir + " is used by another registry");
    }
  }

  /** Null when another process, or another store in this JVM, holds the lock. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null;
    }
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      // the lock disappears with the process anyway
    }
  }
}
