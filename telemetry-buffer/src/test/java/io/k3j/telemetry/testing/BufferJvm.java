package io.k3j.telemetry.testing;

import io.k3j.telemetry.TelemetryBufferMain;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a telemetry buffer in a JVM of its own, on this test JVM's class path. */
public final class BufferJvm {
  private BufferJvm() {}

  /**
   * This JDK's {@code java}, the module and Chronicle options this JVM was started with (Chronicle
   * needs them), {@code jvmOptions}, then {@link TelemetryBufferMain} with {@code bufferArguments}.
   */
  public static List<String> command(List<String> jvmOptions, List<String> bufferArguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle")) {
        command.add(argument);
      }
    }
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), TelemetryBufferMain.class.getName()));
    command.addAll(bufferArguments);
    return command;
  }
}
