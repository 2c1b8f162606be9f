package io.k3j.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code k3j kubectl ...}: kubectl with k3j's kubeconfig, like {@code k3s kubectl}. */
@Command(
    name = "kubectl",
    description = "Run kubectl against this k3j (uses $KUBECONFIG when set).")
final class KubectlCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ARGS", description = "Arguments for kubectl")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    if (System.getenv("KUBECONFIG") == null) {
      builder.environment().put("KUBECONFIG", DataDirs.defaultKubeconfig().toString());
    }
    try {
      return builder.start().waitFor();
    } catch (IOException e) {
      System.err.println("k3j kubectl: cannot run kubectl: " + e.getMessage());
      return 1;
    }
  }
}
