package io.k3j.registry.imageset;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which children of a multi-platform image (OCI index or Docker manifest list) an image set keeps:
 * every platform, or those matching {@code os/architecture[/variant]} entries (image-spec
 * "image-index": {@code platform.os}, {@code platform.architecture}, {@code platform.variant}).
 */
public record Platforms(boolean all, List<String> wanted) {
  public static final String ALL = "all";

  public Platforms {
    wanted = List.copyOf(wanted);
    for (String platform : wanted) {
      if (!platform.matches("[a-z0-9]+/[a-z0-9]+(/[a-z0-9]+)?")) {
        throw new IllegalArgumentException(
            "platform '" + platform + "' is not os/architecture[/variant] or " + ALL);
      }
    }
  }

  public static Platforms every() {
    return new Platforms(true, List.of());
  }

  /** {@code all}, or a list of {@code os/architecture[/variant]}. */
  public static Platforms parse(List<String> values) {
    if (values.contains(ALL)) {
      return every();
    }
    return new Platforms(false, values);
  }

  /** The platform of this machine, in Go's names (GOOS/GOARCH) as image indexes use them. */
  public static Platforms ofThisNode() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String goArch =
        switch (arch) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "arm" -> "arm";
          case "ppc64le" -> "ppc64le";
          case "s390x" -> "s390x";
          case "riscv64" -> "riscv64";
          default -> arch;
        };
    return new Platforms(false, List.of("linux/" + goArch));
  }

  /** Whether a child with this platform is kept; a child without a platform only by {@code all}. */
  public boolean matches(String os, String architecture, Optional<String> variant) {
    if (all) {
      return true;
    }
    for (String platform : wanted) {
      String[] parts = platform.split("/");
      if (parts[0].equals(os)
          && parts[1].equals(architecture)
          && (parts.length < 3 || variant.equals(Optional.of(parts[2])))) {
        return true;
      }
    }
    return false;
  }
}
