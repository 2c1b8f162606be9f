package io.k3j.core.datastore;

/** A create found the key already there; {@link #current()} is its value. */
public final class KeyExistsException extends DatastoreException {
  private static final long serialVersionUID = 1L;
  private final transient KeyValue current;

  public KeyExistsException(KeyValue current) {
    super("key " + current.key() + " already exists at revision " + current.modRevision());
    this.current = current;
  }

  public KeyValue current() {
    return current;
  }
}
