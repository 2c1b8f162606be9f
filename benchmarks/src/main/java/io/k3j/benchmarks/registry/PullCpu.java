package io.k3j.benchmarks.registry;

import io.k3j.benchmarks.Machine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CPU seconds per GiB that each process taking part in some pulls spent on them: the registry
 * processes (the upstream, a cache), and the client, which is this process plus the curl processes
 * it started and waited for. Upstream, cache and client share the machine's cores, so their sum
 * over the cores is the shortest time the pulls could take if nothing waited: {@link
 * #floorSeconds}. A pull through a cache cannot beat its floor, so once the direct pull runs at its
 * own floor (as a CPU-bound pull on shared cores does), the ratio of the two floors is the lowest
 * ratio of wall times this machine allows, whatever the wall times do under a changing load.
 */
final class PullCpu {
  /** The name of the client's share: this process and the curl processes it waited for. */
  static final String CLIENT = "client";

  private final Map<String, Double> perGib;
  private final double childrenPerGib;

  private PullCpu(Map<String, Double> perGib, double childrenPerGib) {
    this.perGib = perGib;
    this.childrenPerGib = childrenPerGib;
  }

  /** A server process whose CPU is counted, and the name of its share, e.g. "upstream". */
  record Part(String name, ServerProcess process) {}

  static Part part(String name, ServerProcess process) {
    return new Part(name, process);
  }

  /**
   * Reads the CPU time of {@code servers} and of this client now; {@link Meter#stop} reads it
   * again.
   */
  static Meter start(Part... servers) {
    return new Meter(List.of(servers));
  }

  /** CPU seconds of each process, by name, per GiB pulled; the client last. */
  Map<String, Double> perGib() {
    return perGib;
  }

  /** The part of the client's share spent in the curl processes it started. */
  double curlPerGib() {
    return childrenPerGib;
  }

  /** The CPU seconds per GiB of every process together. */
  double totalPerGib() {
    return perGib.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The CPU-bound floor of pulling {@code bytes} on {@code cores}: total CPU over the cores. */
  double floorSeconds(long bytes, int cores) {
    return totalPerGib() * gib(bytes) / cores;
  }

  /** e.g. {@code upstream 0.41 + cache 1.20 + client 0.62 = 2.23}. */
  String describe() {
    StringJoiner parts = new StringJoiner(" + ");
    perGib.forEach(
        (name, seconds) -> parts.add(String.format(Locale.ROOT, "%s %.2f", name, seconds)));
    return parts + String.format(Locale.ROOT, " = %.2f", totalPerGib());
  }

  private static double gib(long bytes) {
    return bytes / (double) (1L << 30);
  }

  /** CPU times read before some pulls. */
  static final class Meter {
    private final List<Part> servers;
    private final List<Double> serversBefore = new ArrayList<>();
    private final double selfBefore;
    private final double childrenBefore;

    private Meter(List<Part> servers) {
      this.servers = servers;
      for (Part server : servers) {
        serversBefore.add(Machine.cpuSeconds(server.process().handle()));
      }
      this.selfBefore = Machine.cpuSeconds(ProcessHandle.current());
      this.childrenBefore = Machine.reapedChildrenCpuSeconds();
    }

    /** The CPU spent since {@link #start}, per GiB of the {@code bytes} pulled meanwhile. */
    PullCpu stop(long bytes) {
      double children = Machine.reapedChildrenCpuSeconds() - childrenBefore;
      double self = Machine.cpuSeconds(ProcessHandle.current()) - selfBefore;
      Map<String, Double> perGib = new LinkedHashMap<>();
      for (int i = 0; i < servers.size(); i++) {
        Part server = servers.get(i);
        double spent = Machine.cpuSeconds(server.process().handle()) - serversBefore.get(i);
        perGib.put(server.name(), spent / gib(bytes));
      }
      perGib.put(CLIENT, (self + children) / gib(bytes));
      return new PullCpu(perGib, children / gib(bytes));
    }
  }
}
