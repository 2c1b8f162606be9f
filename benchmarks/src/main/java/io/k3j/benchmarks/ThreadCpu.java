package io.k3j.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of each thread of a process, read from {@code /proc/PID/task/TID/stat}, so that a cell
 * can say where its CPU went: the JIT compilers, Netty's event loops, the API workers, or the
 * harness's own client threads. Threads are grouped by name without its numbers ({@code
 * k3j-api-worker-4-7} and {@code k3j-api-worker-4-2} are one group); the kernel keeps the first 15
 * characters of a name.
 */
final class ThreadCpu {
  /** Ticks per thread id, with the thread's name. */
  private final Map<String, Task> threads;

  private record Task(String name, long ticks) {}

  private ThreadCpu(Map<String, Task> threads) {
    this.threads = threads;
  }

  /** The threads of {@code pid} now; threads that end before {@link #since} are not counted. */
  static ThreadCpu of(long pid) {
    Map<String, Task> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        try {
          ProcStat stat = ProcStat.read(task.resolve("stat"));
          threads.put(task.getFileName().toString(), new Task(stat.name(), stat.cpuTicks()));
        } catch (IOException | RuntimeException e) {
          // the thread ended while the directory was read
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    return new ThreadCpu(threads);
  }

  /** CPU seconds per thread group between {@code before} and this reading, largest first. */
  Map<String, Double> since(ThreadCpu before) {
    Map<String, Long> groups = new HashMap<>();
    threads.forEach(
        (tid, now) -> {
          Task then = before.threads.get(tid);
          long used = now.ticks() - (then == null ? 0 : then.ticks());
          groups.merge(group(now.name()), used, Long::sum);
        });
    return groups.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> e.getValue() / ProcStat.TICKS_PER_SECOND,
                (a, b) -> a,
                LinkedHashMap::new));
  }

  /**
   * {@code label: 1.23 ms/request (C2 CompilerThre 0.40, k3j-api-worker 0.21, ...)}: the groups
   * that used at least 2 % of the total, per request.
   */
  static String describe(String label, Map<String, Double> groups, int requests) {
    double total = groups.values().stream().mapToDouble(Double::doubleValue).sum();
    String parts =
        groups.entrySet().stream()
            .filter(e -> e.getValue() >= 0.02 * total)
            .map(
                e ->
                    String.format(
                        Locale.ROOT, "%s %.3f", e.getKey(), e.getValue() * 1e3 / requests))
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT, "%s %.3f ms/request (%s)", label, total * 1e3 / requests, parts);
  }

  /** The name without its trailing numbers and separators: one group per thread pool. */
  private static String group(String name) {
    String group = name.replaceAll("[-#_ ]*\\d+([-#_ ]*\\d+)*$", "");
    return group.isEmpty() ? name : group;
  }
}
