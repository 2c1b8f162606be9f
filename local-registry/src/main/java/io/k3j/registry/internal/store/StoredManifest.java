package io.k3j.registry.internal.store;

/** A manifest exactly as it was pushed or fetched. */
public record StoredManifest(Digest digest, String mediaType, byte[] bytes) {
  public long size() {
    return bytes.length;
  }
}
