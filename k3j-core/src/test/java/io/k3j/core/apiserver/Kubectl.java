package io.k3j.core.apiserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl, pointed at a kubeconfig, with a fresh discovery cache. */
public final class Kubectl {
  /** What a kubectl run printed and how it ended. */
  public record Result(int exitCode, String output) {}

  private final Path kubeconfig;
  private final Path cacheDir;

  public Kubectl(Path kubeconfig, Path cacheDir) {
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  /** Starts kubectl without waiting for it, for commands that stream (watches). */
  public Process start(String... args) throws IOException {
    Process process = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
    process.getOutputStream().close();
    return process;
  }

  private List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "kubectl",
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                cacheDir.toString()));
    command.addAll(List.of(args));
    return command;
  }

  public Result run(String... args) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), output.strip());
  }

  /** Runs kubectl and fails the test, with its output, unless it succeeds. */
  public String ok(String... args) throws IOException, InterruptedException {
    Result result = run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "kubectl " + String.join(" ", args) + " failed:\n" + result.output());
    }
    return result.output();
  }
}
