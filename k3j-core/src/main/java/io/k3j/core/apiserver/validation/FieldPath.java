package io.k3j.core.apiserver.validation;

/** Builds field paths the way upstream prints them: {@code spec.containers[0].name}. */
final class FieldPath {
  private FieldPath() {}

  static String child(String path, String... names) {
    StringBuilder result = new StringBuilder(path);
    for (String name : names) {
      if (result.length() > 0) {
        result.append('.');
      }
      result.append(name);
    }
    return result.toString();
  }

  static String index(String path, int index) {
    return path + "[" + index + "]";
  }

  /** A map entry: {@code data[tls.crt]}, unquoted as upstream does. */
  static String key(String path, String key) {
    return path + "[" + key + "]";
  }
}
