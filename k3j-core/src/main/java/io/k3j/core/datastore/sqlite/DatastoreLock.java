package io.k3j.core.datastore.sqlite;

import io.k3j.core.datastore.DatastoreStartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <file>.lock}, so two k3j processes never open one datastore. A
 * separate file, because closing any descriptor of the database file itself would drop SQLite's own
 * POSIX locks.
 */
final class DatastoreLock {
  private final FileChannel channel;
  private final FileLock lock;

  private DatastoreLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DatastoreLock acquire(Path file) {
    Path path = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw inUse(file, path, null);
      }
      return new DatastoreLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw inUse(file, path, e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DatastoreStartupException(
          "datastore " + file + " cannot be locked (" + path + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  void release() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }

  private static DatastoreStartupException inUse(Path file, Path lock, Throwable cause) {
    return new DatastoreStartupException(
        "datastore "
            + file
            + " is in use by another k3j process (it holds "
            + lock
            + "); stop that process, or start this one with another --data-dir",
        cause);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }
}
