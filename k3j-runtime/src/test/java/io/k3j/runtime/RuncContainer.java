package io.k3j.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One container run by {@code runc} from an unpacked image, the way a kubelet runs the charts'
 * pods: as a given user, read-only root file system, a writable {@code /tmp}. It shares the host's
 * network namespace, so tests reach its servers on loopback. Output goes to a file.
 */
final class RuncContainer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final Path bundle;
  private final Path log;
  private final Process process;

  private RuncContainer(String id, Path bundle, Path log, Process process) {
    this.id = id;
    this.bundle = bundle;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code args} in {@code rootfs}.
   *
   * @param capabilities the only capabilities the process has, e.g. {@code CAP_CHOWN}
   * @param env variables on top of the image's PATH and JAVA_HOME
   * @param mounts host file → path in the container, bound read-only
   */
  static RuncContainer start(
      Path rootfs,
      int uid,
      List<String> capabilities,
      List<String> args,
      Map<String, String> env,
      Map<Path, String> mounts)
      throws IOException, InterruptedException {
    String id = "k3j-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path bundle = Files.createTempDirectory("k3j-bundle");
    exec(bundle, "runc", "spec");
    Path configFile = bundle.resolve("config.json");
    ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
    config.putObject("root").put("path", rootfs.toString()).put("readonly", true);
    ObjectNode process = (ObjectNode) config.get("process");
    process.put("terminal", false).put("cwd", "/tmp");
    process.putObject("user").put("uid", uid).put("gid", uid);
    ObjectNode granted = process.putObject("capabilities");
    for (String set : List.of("bounding", "effective", "permitted")) {
      granted
          .putArray(set)
          .addAll(capabilities.stream().map(JSON.getNodeFactory()::textNode).toList());
    }
    process.putArray("args").addAll(args.stream().map(JSON.getNodeFactory()::textNode).toList());
    ArrayNode environment = process.putArray("env");
    environment.add("PATH=/usr/local/bin:/opt/java/bin:/usr/bin:/bin").add("JAVA_HOME=/opt/java");
    env.forEach((name, value) -> environment.add(name + "=" + value));
    ArrayNode namespaces = (ArrayNode) config.get("linux").get("namespaces");
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      if (namespaces.get(i).get("type").asText().equals("network")) {
        namespaces.remove(i);
      }
    }
    ArrayNode mountList = (ArrayNode) config.get("mounts");
    ObjectNode tmp = mountList.addObject().put("destination", "/tmp").put("type", "tmpfs");
    tmp.put("source", "tmpfs").putArray("options").add("nosuid").add("nodev").add("mode=1777");
    mounts.forEach(
        (source, destination) -> {
          ObjectNode bind = mountList.addObject().put("destination", destination);
          bind.put("type", "bind").put("source", source.toString());
          bind.putArray("options").add("rbind").add("ro");
        });
    JSON.writeValue(configFile.toFile(), config);

    Path log = bundle.resolve("output.log");
    Process run =
        new ProcessBuilder("runc", "run", "--bundle", bundle.toString(), id)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    return new RuncContainer(id, bundle, log, run);
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  int exitCode(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("container did not exit within " + seconds + "s:\n" + output());
    }
    return process.exitValue();
  }

  /** SIGTERM to the container's first process, as the kubelet stops a pod. */
  void terminate() throws IOException, InterruptedException {
    exec(bundle, "runc", "kill", id, "TERM");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      new ProcessBuilder("runc", "kill", id, "KILL").start().waitFor(30, TimeUnit.SECONDS);
      process.waitFor(30, TimeUnit.SECONDS);
    }
    new ProcessBuilder("runc", "delete", "--force", id).start().waitFor(30, TimeUnit.SECONDS);
    try (Stream<Path> files = Files.walk(bundle)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Runs a command in {@code dir}; throws with its output when it fails. */
  static String exec(Path dir, String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of(command));
    Process process =
        new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(600, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
