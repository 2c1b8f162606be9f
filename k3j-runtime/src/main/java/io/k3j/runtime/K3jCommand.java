package io.k3j.runtime;

import io.k3j.registry.RegistryCommand;
import io.k3j.telemetry.TelemetryBufferMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code k3j} command; it only lists the subcommands. */
@Command(
    name = "k3j",
    mixinStandardHelpOptions = true,
    versionProvider = K3jVersion.class,
    description = "Lightweight Kubernetes for edge sites.",
    subcommands = {
      ServerCommand.class,
      KubectlCommand.class,
      RegistryCommand.class,
      TelemetryBufferMain.class,
      SystemUpgradeControllerCommand.class
    })
final class K3jCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
