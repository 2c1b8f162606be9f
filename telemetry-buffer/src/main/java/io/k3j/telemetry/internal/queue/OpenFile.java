package io.k3j.telemetry.internal.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * The one file a payload reader or writer works in, kept open until it is asked for another (a
 * cursor or the appender stays in one cycle for a long run of records). Not thread-safe.
 */
final class OpenFile implements AutoCloseable {
  private final OpenOption[] options;
  private Path path;
  private FileChannel channel;

  OpenFile(OpenOption... options) {
    this.options = options.clone();
  }

  /** {@code file}'s channel, opened with this holder's options when it is not the open one. */
  FileChannel channel(Path file) throws IOException {
    if (!file.equals(path)) {
      close();
      channel = FileChannel.open(file, options);
      path = file;
    }
    return channel;
  }

  @Override
  public void close() throws IOException {
    FileChannel open = channel;
    channel = null;
    path = null;
    if (open != null) {
      open.close();
    }
  }
}
