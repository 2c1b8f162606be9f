package io.k3j.registry.mirror;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Publishes the generated files on a node: {@code <dir>/registries.yaml} for k3s and {@code
 * <dir>/certs.d/<registry>/hosts.toml} for containerd's {@code config_path}. Each file is replaced
 * atomically, so containerd (which re-reads hosts.toml) never sees half a file.
 */
public final class MirrorConfigWriter {
  private MirrorConfigWriter() {}

  public static void write(Path dir, List<String> registries, MirrorTarget target)
      throws IOException {
    writeAtomically(dir.resolve("registries.yaml"), RegistriesYaml.render(registries, target));
    for (Map.Entry<String, String> file : HostsToml.renderAll(registries, target).entrySet()) {
      writeAtomically(dir.resolve("certs.d").resolve(file.getKey()), file.getValue());
    }
  }

  /** Writes each file (path relative to {@code dir}) atomically. */
  public static void writeFiles(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      writeAtomically(dir.resolve(file.getKey()), file.getValue());
    }
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), ".tmp-", ".part");
    Files.writeString(temp, content);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
