package io.k3j.core.datastore;

/**
 * The storage underneath failed (I/O error, disk full, corrupt file); the write changed nothing.
 */
public final class StorageException extends DatastoreException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
