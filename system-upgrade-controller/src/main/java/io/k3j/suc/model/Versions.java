package io.k3j.suc.model;

/** Version text rules shared by static versions and channel answers. */
public final class Versions {
  private Versions() {}

  /**
   * Every {@code +} becomes {@code -}, so the version is a valid image tag (upstream's munging).
   */
  public static String munge(String version) {
    return version.replace('+', '-');
  }

  /** The last element of a URL or path: what follows the last {@code /}. */
  public static String lastPathElement(String path) {
    String trimmed = path;
    while (trimmed.endsWith("/") && trimmed.length() > 1) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
