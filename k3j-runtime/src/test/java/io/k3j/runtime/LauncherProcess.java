package io.k3j.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/k3j} run as a user runs it. Its output goes to a file (reading pipes while the process
 * exits can lose the last lines).
 */
final class LauncherProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private LauncherProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static LauncherProcess start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  /** Runs bin/k3j with these variables added to the environment. */
  static LauncherProcess start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(repoRoot().resolve("bin/k3j").toString());
    command.addAll(List.of(args));
    Path log = Files.createTempFile("k3j-launcher", ".log");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("K3J_SKIP_BUILD", "1"); // Maven packaged the jar just before
    builder.environment().putAll(env);
    Process process =
        builder
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    return new LauncherProcess(process, log);
  }

  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("bin/k3j"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  long pid() {
    return process.pid();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean printed(String text) {
    return output().contains(text);
  }

  /** SIGTERM, as a service manager stops it. */
  void terminate() {
    process.destroy();
  }

  int exitCode(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("k3j did not exit within " + seconds + "s; output:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(log);
  }
}
