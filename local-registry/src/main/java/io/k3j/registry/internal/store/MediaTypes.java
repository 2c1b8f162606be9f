package io.k3j.registry.internal.store;

import java.util.List;

/** Manifest media types (OCI image spec and Docker image manifest v2, schema 2). */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** Every modern manifest type, in the order a cache should ask for them upstream (spec §1.5). */
  public static final List<String> ALL_MANIFESTS =
      List.of(OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

  private MediaTypes() {}

  public static boolean isSchema1(String mediaType) {
    return mediaType.startsWith("application/vnd.docker.distribution.manifest.v1");
  }

  public static boolean isIndex(String mediaType) {
    return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
  }

  /** The media type without parameters ({@code ; charset=...}). */
  public static String bare(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
  }
}
