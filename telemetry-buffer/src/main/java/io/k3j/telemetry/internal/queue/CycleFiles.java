package io.k3j.telemetry.internal.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;

/**
 * Lists the {@code .cq4} cycle files of a queue directory, oldest first, each with its size plus
 * its payload file's. A file's cycle number is its UTC time stamp (Chronicle names files with
 * {@link RollCycle#format()}) divided by the cycle length, the same arithmetic the index uses for
 * its high bits.
 */
final class CycleFiles {
  private static final String SUFFIX = ".cq4";
  private final Path directory;
  private final RollCycle rollCycle;
  private final SimpleDateFormat format;

  CycleFiles(Path directory, RollCycle rollCycle) {
    this.directory = directory;
    this.rollCycle = rollCycle;
    this.format = new SimpleDateFormat(rollCycle.format());
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
  }

  List<CycleFile> list() {
    List<CycleFile> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path path : (Iterable<Path>) entries::iterator) {
        String name = path.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          Integer cycle = cycleOf(name.substring(0, name.length() - SUFFIX.length()));
          long size = sizeOrZero(path) + sizeOrZero(PayloadFiles.of(path));
          if (cycle != null) {
            files.add(new CycleFile(cycle, path, size));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort(Comparator.comparingInt(CycleFile::cycle));
    return files;
  }

  /** Payload files whose cycle file is gone: a crash came between the two deletes. */
  void deleteOrphanPayloadFiles() throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path path : (Iterable<Path>) entries::iterator) {
        if (path.getFileName().toString().endsWith(PayloadFiles.SUFFIX)
            && !Files.exists(PayloadFiles.cycleFileOf(path))) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  long totalBytes() {
    return list().stream().mapToLong(CycleFile::sizeBytes).sum();
  }

  /** The cycle a file name stands for, or null; one format, reused (building it is the cost). */
  Integer cycleOf(String baseName) {
    synchronized (format) {
      try {
        return (int) (format.parse(baseName).getTime() / rollCycle.lengthInMillis());
      } catch (ParseException e) {
        return null;
      }
    }
  }

  private static long sizeOrZero(Path path) throws IOException {
    try {
      return Files.size(path);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }
}
