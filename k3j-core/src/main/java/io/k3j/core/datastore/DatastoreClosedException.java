package io.k3j.core.datastore;

/** The datastore was closed, or failed, and takes no more requests. */
public final class DatastoreClosedException extends DatastoreException {
  private static final long serialVersionUID = 1L;

  public DatastoreClosedException(String message) {
    super(message);
  }
}
