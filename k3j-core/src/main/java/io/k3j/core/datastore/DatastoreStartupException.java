package io.k3j.core.datastore;

/**
 * The datastore cannot start: the message names the file and what the operator can do about it.
 * Nothing is created or repaired behind the operator's back.
 */
public final class DatastoreStartupException extends DatastoreException {
  private static final long serialVersionUID = 1L;

  public DatastoreStartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
