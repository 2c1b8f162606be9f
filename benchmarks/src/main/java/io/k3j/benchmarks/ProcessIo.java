package io.k3j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's I/O counters from {@code /proc/self/io} (Linux). {@code writeBytes} counts the
 * bytes the process caused to be written to storage, page-cache writes included, whether through
 * write(2) or a shared mapping; {@code writeCalls} counts bytes passed to write(2) and the like,
 * pipes and terminals included.
 */
record ProcessIo(long writeBytes, long writeCalls) {
  private static final Path FILE = Path.of("/proc/self/io");

  static boolean available() {
    return Files.isReadable(FILE);
  }

  static ProcessIo read() throws IOException {
    long writeBytes = -1;
    long writeCalls = -1;
    for (String line : Files.readAllLines(FILE)) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      long value = Long.parseLong(line.substring(colon + 1).trim());
      if (name.equals("write_bytes")) {
        writeBytes = value;
      } else if (name.equals("wchar")) {
        writeCalls = value;
      }
    }
    return new ProcessIo(writeBytes, writeCalls);
  }

  ProcessIo minus(ProcessIo earlier) {
    return new ProcessIo(writeBytes - earlier.writeBytes, writeCalls - earlier.writeCalls);
  }
}
