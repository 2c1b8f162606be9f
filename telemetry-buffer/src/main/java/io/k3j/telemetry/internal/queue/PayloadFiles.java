package io.k3j.telemetry.internal.queue;

import java.nio.file.Path;

/**
 * Where the payloads of a cycle's large records live: {@code <cycle>.payloads} beside Chronicle's
 * {@code <cycle>.cq4}, append-only, deleted with it. Chronicle then maps only headers and small
 * records, so the queue's mapped pages stay few however large the requests and however long the
 * backlog (a mapped page counts in the resident set, and reading a record header through the
 * mapping can map the cached pages around it too, Linux's fault-around).
 */
final class PayloadFiles {
  static final String SUFFIX = ".payloads";
  private static final String CYCLE_SUFFIX = ".cq4";

  private PayloadFiles() {}

  /** The payload file of cycle file {@code cycleFile}. */
  static Path of(Path cycleFile) {
    String name = cycleFile.getFileName().toString();
    String base =
        name.endsWith(CYCLE_SUFFIX)
            ? name.substring(0, name.length() - CYCLE_SUFFIX.length())
            : name;
    return cycleFile.resolveSibling(base + SUFFIX);
  }

  /** The cycle file a payload file belongs to. */
  static Path cycleFileOf(Path payloadFile) {
    String name = payloadFile.getFileName().toString();
    return payloadFile.resolveSibling(
        name.substring(0, name.length() - SUFFIX.length()) + CYCLE_SUFFIX);
  }
}
