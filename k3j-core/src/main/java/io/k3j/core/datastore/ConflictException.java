package io.k3j.core.datastore;

/** An update or delete expected another mod revision; {@link #current()} is the value now. */
public final class ConflictException extends DatastoreException {
  private static final long serialVersionUID = 1L;
  private final transient KeyValue current;

  public ConflictException(KeyValue current, long expectedRevision) {
    super(
        "key "
            + current.key()
            + " is at revision "
            + current.modRevision()
            + ", not the expected "
            + expectedRevision);
    this.current = current;
  }

  public KeyValue current() {
    return current;
  }
}
