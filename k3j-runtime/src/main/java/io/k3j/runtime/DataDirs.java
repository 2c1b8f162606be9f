package io.k3j.runtime;

import java.nio.file.Path;

/** k3s's defaults: system paths for root, the home directory otherwise. */
final class DataDirs {
  private DataDirs() {}

  static Path defaultDataDir() {
    return isRoot() ? Path.of("/var/lib/k3j") : Path.of(System.getProperty("user.home"), ".k3j");
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
