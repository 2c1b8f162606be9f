package io.k3j.runtime;

import java.nio.file.Path;

/** k3s's defaults: system paths for root, the home directory otherwise. */
final class DataDirs {
  private DataDirs() {}

  static Path defaultDataDir() {
    return isRoot() ? Path.of("/var/lib/k3j") : home().resolve(".k3j");
  }

  static Path defaultKubeconfig() {
    return isRoot() ? Path.of("/etc/k3j/k3j.yaml") : home().resolve(".k3j/k3j.yaml");
  }

  static Path defaultConfigFile() {
    return isRoot() ? Path.of("/etc/k3j/config.yaml") : home().resolve(".k3j/config.yaml");
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Path home() {
    return Path.of(System.getProperty("user.home"));
  }
}
