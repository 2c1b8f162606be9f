package io.k3j.core.datastore;

/** An update or delete named a key that does not exist. */
public final class KeyNotFoundException extends DatastoreException {
  private static final long serialVersionUID = 1L;

  public KeyNotFoundException(String key) {
    super("key " + key + " not found");
  }
}
