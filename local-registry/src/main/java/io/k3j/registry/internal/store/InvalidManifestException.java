package io.k3j.registry.internal.store;

/** The pushed bytes are not a manifest this registry stores. */
public final class InvalidManifestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidManifestException(String message) {
    super(message);
  }
}
