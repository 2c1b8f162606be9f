package io.k3j.registry.internal.store;

/** The SQLite index failed; the operation changed nothing. */
public final class IndexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
