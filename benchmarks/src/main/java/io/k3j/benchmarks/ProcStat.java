package io.k3j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@code /proc/PID/stat} or {@code /proc/PID/task/TID/stat} line (proc(5)): the command name,
 * field 2 in parentheses, which may itself hold spaces and parentheses, and the fields after it,
 * numbered as proc(5) numbers them. The CPU times are in clock ticks of {@link #TICKS_PER_SECOND}.
 */
public final class ProcStat {
  /** Clock ticks per second of the CPU times ({@code USER_HZ}, 100 on Linux). */
  public static final double TICKS_PER_SECOND = 100.0;

  private final String name;
  private final String[] fields;

  private ProcStat(String line) {
    int close = line.lastIndexOf(')');
    this.name = line.substring(line.indexOf('(') + 1, close);
    this.fields = line.substring(close + 2).trim().split(" ");
  }

  public static ProcStat read(Path file) throws IOException {
    return new ProcStat(Files.readString(file));
  }

  public String name() {
    return name;
  }

  /** Field {@code number} (3 or more) as proc(5) numbers it. */
  private long field(int number) {
    return Long.parseLong(fields[number - 3]);
  }

  /**
   * User and system time of the process or thread: fields 14 and 15 ({@code utime}, {@code stime}).
   */
  public long cpuTicks() {
    return field(14) + field(15);
  }

  /**
   * User and system time of the children that have exited and been waited for: fields 16 and 17
   * ({@code cutime}, {@code cstime}).
   */
  public long reapedChildrenCpuTicks() {
    return field(16) + field(17);
  }
}
