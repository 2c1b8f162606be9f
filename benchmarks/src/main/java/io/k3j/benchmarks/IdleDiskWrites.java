package io.k3j.benchmarks;

import io.k3j.core.datastore.sqlite.SqliteBackend;
import io.k3j.core.datastore.sqlite.SqliteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Disk writes of an open, idle store. Writes some data, waits until the writer has truncated the
 * WAL (it does ~1 s after the last write), then compares this process's {@code /proc/self/io}
 * counters and the size and modification time of the database, WAL, shared-memory and lock files
 * before and after an idle period. Nothing else in the process writes while it runs.
 */
final class IdleDiskWrites {
  private static final String[] SUFFIXES = {"", "-wal", "-shm", ".lock"};
  private static final Duration GRACE = Duration.ofMillis(300);

  /**
   * @param io counters over the idle period
   * @param changedFiles files whose size or modification time changed while idle
   * @param walBytesBefore size of the WAL when the idle period began
   */
  record Result(ProcessIo io, Duration idle, List<String> changedFiles, long walBytesBefore) {
    double writeBytesPerMinute() {
      return io.writeBytes() * 60_000.0 / idle.toMillis();
    }
  }

  private record FileState(String name, long size, FileTime modified) {}

  private IdleDiskWrites() {}

  static Result run(BenchmarkConfig config) throws Exception {
    try (ScratchDirectory dir = ScratchDirectory.create(config.dir(), "idle")) {
      Path db = dir.resolve("state.db");
      try (SqliteBackend store = SqliteBackend.open(SqliteOptions.defaults(db))) {
        byte[] value = Values.random(config.valueBytes(), 6);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
          writes.add(store.create("/registry/idle/" + i, value, 0));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < 100; i++) {
          store.update("/registry/idle/" + i, value, 0, 0).join();
        }
        awaitWalTruncated(db, config.settle());
        Thread.sleep(GRACE.toMillis());
        List<FileState> before = files(db);
        long walBytes = size(db.resolveSibling("state.db-wal"));
        ProcessIo start = ProcessIo.read();
        Thread.sleep(config.idle().toMillis());
        ProcessIo used = ProcessIo.read().minus(start);
        List<String> changed = changed(before, files(db));
        return new Result(used, config.idle(), changed, walBytes);
      }
    }
  }

  /** Polls the WAL's size; gives up quietly after {@code settle}, the result then shows it. */
  private static void awaitWalTruncated(Path db, Duration settle) throws InterruptedException {
    long deadline = System.nanoTime() + settle.toNanos();
    while (size(db.resolveSibling("state.db-wal")) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static List<FileState> files(Path db) throws IOException {
    List<FileState> states = new ArrayList<>();
    for (String suffix : SUFFIXES) {
      Path file = db.resolveSibling(db.getFileName() + suffix);
      if (Files.exists(file)) {
        states.add(
            new FileState(
                file.getFileName().toString(), size(file), Files.getLastModifiedTime(file)));
      } else {
        states.add(new FileState(file.getFileName().toString(), -1, null));
      }
    }
    return states;
  }

  private static List<String> changed(List<FileState> before, List<FileState> after) {
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      FileState b = before.get(i);
      FileState a = after.get(i);
      if (b.size() != a.size() || !Objects.equals(b.modified(), a.modified())) {
        changed.add(a.name() + " (" + b.size() + " -> " + a.size() + " bytes)");
      }
    }
    return changed;
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
