package io.k3j.registry.imageset;

import java.util.Set;

/**
 * An image reference as users write it ({@code docker.io/library/alpine:3.20}, {@code
 * ghcr.io/o/app@sha256:...}, {@code demo/app:v1}) resolved to this registry's repository naming: a
 * leading registry host that names an upstream becomes the repository's first component.
 *
 * @param repository repository in this registry
 * @param reference tag or digest ({@code latest} when neither is given)
 */
public record ImageReference(String repository, String reference) {

  public static ImageReference parse(String image, Set<String> upstreams) {
    String name = image.trim();
    String reference = "latest";
    int at = name.indexOf('@');
    if (at > 0) {
      reference = name.substring(at + 1);
      name = name.substring(0, at);
    } else {
      int colon = name.lastIndexOf(':');
      if (colon > name.lastIndexOf('/')) {
        reference = name.substring(colon + 1);
        name = name.substring(0, colon);
      }
    }
    int slash = name.indexOf('/');
    if (slash > 0) {
      String first = name.substring(0, slash);
      boolean isRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
      if (isRegistry && !upstreams.contains(first)) {
        throw new IllegalArgumentException("no upstream is configured for registry " + first);
      }
    }
    if (name.isEmpty() || reference.isEmpty()) {
      throw new IllegalArgumentException("not an image reference: " + image);
    }
    return new ImageReference(name, reference);
  }
}
