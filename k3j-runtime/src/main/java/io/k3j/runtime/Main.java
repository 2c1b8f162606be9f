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
    return commandLine().execute(args);
  }

  /** The {@code k3j} command with its subcommands and their flags. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new K3jCommand());
    ServerFlags.addTo(commandLine.getSubcommands().get("server").getCommandSpec());
    // Everything after `k3j kubectl` belongs to kubectl, flags included.
    commandLine.getSubcommands().get("kubectl").setUnmatchedOptionsArePositionalParams(true);
    commandLine.getSubcommands().get("kubectl").setStopAtPositional(true);
    return commandLine;
  }
}
