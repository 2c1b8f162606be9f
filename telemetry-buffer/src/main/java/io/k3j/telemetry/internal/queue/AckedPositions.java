package io.k3j.telemetry.internal.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Per-destination acked index, one small text file per destination ({@code NAME.acked}). Written as
 * temp file + fsync + atomic rename + directory fsync, so a crash leaves either the old or the new
 * value, never a mix. The value is the highest index the destination accepted with nothing
 * unaccepted before it; -1 means nothing yet.
 */
public final class AckedPositions {
  private final Path directory;

  public AckedPositions(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  public long read(String destination) throws IOException {
    try {
      String text = Files.readString(file(destination), StandardCharsets.US_ASCII).trim();
      return Long.parseLong(text);
    } catch (NoSuchFileException e) {
      return -1;
    } catch (NumberFormatException e) {
      throw new IOException("corrupt acked position in " + file(destination), e);
    }
  }

  public void write(String destination, long index) throws IOException {
    Path target = file(destination);
    Path temp = directory.resolve(destination + ".acked.tmp");
    byte[] bytes = (index + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(bytes));
      channel.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("file system cannot rename atomically: " + directory, e);
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  private Path file(String destination) {
    return directory.resolve(destination + ".acked");
  }
}
