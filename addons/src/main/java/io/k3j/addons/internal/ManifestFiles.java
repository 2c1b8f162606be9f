package io.k3j.addons.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files of the manifests folder are manifests, and what they are called, following k3s's
 * deploy controller ({@code pkg/deploy/controller.go}): a manifest ends in {@code .yaml}, {@code
 * .yml} or {@code .json} (any case) and is not a dotfile; {@code foo.yaml.skip} makes every {@code
 * foo.yaml} ignored; the Addon is named by the file name up to its first dot; {@code --disable
 * NAME} matches the file name without its extension, or any directory between the folder and the
 * file.
 */
public final class ManifestFiles {
  public static final String SKIP_SUFFIX = ".skip";
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private ManifestFiles() {}

  /** True for {@code .yaml}, {@code .yml} and {@code .json} files that are not dotfiles. */
  public static boolean isManifest(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return !fileName.startsWith(".")
        && (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"));
  }

  /**
   * The Addon name of a file: its name up to the first dot ({@code traefik.v2.yaml -> traefik}).
   */
  public static String addonName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** Null when {@code name} can be an object name, otherwise why not. */
  public static String invalidName(String name) {
    if (name.isEmpty() || name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
      return "\""
          + name
          + "\" is not a valid object name (lower case letters, digits, '-' and '.', at most 253)";
    }
    return null;
  }

  /** The name a {@code --disable} value matches: the file name without its last extension. */
  public static String disableName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }

  /**
   * True when {@code file} (below {@code base}) is disabled: its {@link #disableName} or one of the
   * directories between {@code base} and it ({@code a}, {@code a/b}, ...) is in {@code disabled}.
   */
  public static boolean isDisabled(Path base, Path file, Set<String> disabled) {
    Path relative = base.relativize(file);
    for (int i = 1; i < relative.getNameCount(); i++) {
      if (disabled.contains(relative.subpath(0, i).toString())) {
        return true;
      }
    }
    String fileName = file.getFileName().toString();
    return isManifest(fileName) && disabled.contains(disableName(fileName));
  }
}
