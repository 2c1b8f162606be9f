package io.k3j.core.apiserver.schema;

/** Field paths as upstream prints them: {@code spec.containers[0].name}, the root is empty. */
final class Paths {
  private Paths() {}

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String index(String path, int index) {
    return path + "[" + index + "]";
  }

  /** How a path appears inside a message; upstream names the root {@code body}. */
  static String name(String path) {
    return path.isEmpty() ? "body" : path;
  }
}
