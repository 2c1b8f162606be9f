package io.k3j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers were measured on, for the header of the report. */
public final class Machine {
  private Machine() {}

  public static String describe(Path dir) {
    return Runtime.getRuntime().availableProcessors()
        + " CPUs ("
        + cpuModel()
        + "), Java "
        + System.getProperty("java.version")
        + ", databases in "
        + dir.toAbsolutePath()
        + " on "
        + fileStore(dir);
  }

  /** CPU time (user and system, every thread) {@code process} has used so far, in seconds. */
  public static double cpuSeconds(ProcessHandle process) {
    return process
            .info()
            .totalCpuDuration()
            .orElseThrow(() -> new IllegalStateException("no CPU time for " + process.pid()))
            .toNanos()
        / 1e9;
  }

  /**
   * CPU time (user and system) of this process's children that have exited and been waited for, in
   * seconds: what short-lived helper processes such as curl cost, which can no longer be asked once
   * they are gone ({@link ProcStat#reapedChildrenCpuTicks} of {@code /proc/self/stat}).
   */
  public static double reapedChildrenCpuSeconds() {
    try {
      return ProcStat.read(Path.of("/proc/self/stat")).reapedChildrenCpuTicks()
          / ProcStat.TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new IllegalStateException("no CPU time for this process's children", e);
    }
  }

  /** The 1, 5 and 15 minute load averages: shows whether something else was running. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown model");
    } catch (IOException e) {
      return "unknown model";
    }
  }

  private static String fileStore(Path dir) {
    try {
      var store = Files.getFileStore(dir);
      String warning =
          store.type().equals("tmpfs")
              ? ", which is memory: fsync costs nothing there and the durable numbers mean little"
              : "";
      return store.name() + " (" + store.type() + warning + ")";
    } catch (IOException e) {
      return "an unknown file system";
    }
  }
}
