package io.k3j.runtime;

import picocli.CommandLine;

/** Entry point of the k3j jar: {@code k3j server}, ... */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code, for tests. */
  static int run(String... args) {
    CommandLine commandLine = new CommandLine(new K3jCommand());
    // Everything after `k3j kubectl` belongs to kubectl, flags included.
    commandLine.getSubcommands().get("kubectl").setUnmatchedOptionsArePositionalParams(true);
    commandLine.getSubcommands().get("kubectl").setStopAtPositional(true);
    return commandLine.execute(args);
  }
}
