package io.k3j.telemetry.internal.forward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dead-letter folder of one destination: each refused request as {@code <index>.<signal>.pb}
 * (binary protobuf, replayable with any OTLP client) next to {@code <index>.response.txt} holding
 * the reason and the upstream answer.
 */
final class DeadLetters {
  private final Path directory;

  DeadLetters(Path directory) {
    this.directory = directory;
  }

  Path write(long firstIndex, Part part, String reason, String transcript) throws IOException {
    Files.createDirectories(directory);
    String base = String.format("%016x-%d", firstIndex, System.nanoTime());
    Path payload = directory.resolve(base + "." + part.signal().tag() + ".pb");
    Files.write(payload, part.body());
    Files.writeString(
        directory.resolve(base + ".response.txt"), "reason: " + reason + "\n" + transcript);
    return payload;
  }

  long count() throws IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (var files = Files.list(directory)) {
      return files.filter(p -> p.toString().endsWith(".pb")).count();
    }
  }
}
